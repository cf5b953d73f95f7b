package io.github.kcsessions.it.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.browser.SessionsElement.ThreeDevices;
import io.github.kcsessions.it.support.Browser;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.SCRIPT_IP;
import static io.github.kcsessions.it.browser.SessionsElement.SCREENSHOTS;
import static io.github.kcsessions.it.browser.SessionsElement.root;
import static io.github.kcsessions.it.browser.SessionsElement.sessions;
import static io.github.kcsessions.it.browser.SessionsElement.signOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account console's "Devices & sessions" page in a real Chromium: signed in through the real login form, showing
 * sessions made by other devices through the real OIDC endpoints, and signing them out; checked through the API.
 */
@KeycloakTest
class DevicesPageIT {

    private TestRealm realm;

    @BeforeAll
    void createRealm() {
        realm = TestRealm.create(DevicesPageIT.class, r -> {
            r.put("accountTheme", "session-devices");
            TestRealm.addViewOnlyDave(r);
        });
    }

    @BeforeEach
    void requireBrowser() {
        Browser.assumeAvailable();
    }

    @Test
    void showsEveryDeviceAndPlaceAndSignsOutOneThenEverywhereElse() {
        ThreeDevices alice = ThreeDevices.signIn(realm);
        try (Browser browser = Browser.start(1280, 1000)) {
            browser.diagnosed("devices-alice", () -> openDevicesPage(browser, "alice"));
            WebElement london = alice.assertShown(browser);
            // Relative times, with the exact time in the user's locale for hover and focus.
            assertFalse(london.findElement(By.cssSelector("time")).getDomAttribute("title").isBlank());
            assertTrue(london.getText().contains("Signed in now") || london.getText().contains("minute"), london.getText());

            browser.screenshot(SCREENSHOTS.resolve("devices-and-sessions-desktop.png"));
            // A phone-sized window, loaded as a phone would: the console starts with its navigation closed.
            browser.resize(390, 1500);
            browser.driver().navigate().refresh();
            sessions(browser, 4);
            browser.screenshot(SCREENSHOTS.resolve("devices-and-sessions-mobile.png"));
            browser.resize(1280, 1000);
            browser.driver().navigate().refresh();
            sessions(browser, 4);

            alice.signOutLaptop(browser, realm);
            alice.signOutOthers(browser, realm);
        }
        assertEquals(401, realm.userinfo(alice.script().accessToken()).status());
        // Only the browser's own session is left.
        JsonNode left = realm.admin().json(user("alice") + "/sessions");
        assertEquals(1, left.size(), left.toString());
        String spa = Admin.getJson("/realms/" + realm.name() + "/clients?clientId=" + TestRealm.SPA).get(0).get("id")
                .asText();
        assertEquals(0, realm.admin().json(user("alice") + "/offline-sessions/" + spa).size());
    }

    /** A client names its own browser: the page shows that name as text, and nothing of it runs. */
    @Test
    void aHostileBrowserNameIsShownAsText() {
        Tokens hostile = SessionsElement.hostileSignIn(realm);
        try (Browser browser = Browser.start(1280, 1000)) {
            browser.diagnosed("devices-carol", () -> openDevicesPage(browser, "carol"));
            sessions(browser, 2);
            SessionsElement.assertShownAsText(browser, hostile);
        }
    }

    @Test
    void aUserWithoutManageAccountSeesTheListWithoutSignOutButtons() {
        Tokens other = realm.passwordGrant(TestRealm.SPA, "dave", "User-Agent", CURL, "X-Forwarded-For", SCRIPT_IP);
        try (Browser browser = Browser.start(1280, 1000)) {
            browser.diagnosed("devices-dave", () -> openDevicesPage(browser, "dave"));
            List<WebElement> cards = sessions(browser, 2);
            assertTrue(root(browser).findElement(By.cssSelector("[part~='message']")).getText()
                    .contains("signing them out is not enabled"));
            assertTrue(cards.stream().anyMatch(c -> c.getText().contains("curl 8.5")));
            assertTrue(root(browser).findElements(By.cssSelector("button")).isEmpty(), "no button to sign out");
        }
        assertEquals(200, realm.whoami(other).status());
    }

    @Test
    void signingOutTheCurrentSessionLogsTheBrowserOut() {
        try (Browser browser = Browser.start(1280, 1000)) {
            browser.diagnosed("devices-bob", () -> openDevicesPage(browser, "bob"));
            signOut(sessions(browser, 1).get(0));
            // The console finds no session and shows Keycloak's login page again.
            browser.find(By.id("username"));
        }
        assertEquals(0, realm.admin().json(user("bob") + "/sessions").size());
    }

    private void openDevicesPage(Browser browser, String username) {
        browser.open(realm.url("/account/content/devices-and-sessions"));
        browser.signIn(username, TestRealm.PASSWORD);
        browser.find(By.id("kcs-devices-title"));
        // The navigation entry replaces Keycloak's "Device activity".
        assertFalse(browser.findAll(By.linkText("Devices & sessions")).isEmpty());
        assertTrue(browser.findAll(By.linkText("Device activity")).isEmpty());
    }

    /** The admin API path of a user of the realm. */
    private String user(String username) {
        return "/realms/" + realm.name() + "/users/" + realm.userId(username);
    }
}
