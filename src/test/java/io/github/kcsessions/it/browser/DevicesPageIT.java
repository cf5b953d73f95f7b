package io.github.kcsessions.it.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcsessions.it.support.Admin;
import io.github.kcsessions.it.browser.SessionsElement.ThreeDevices;
import io.github.kcsessions.it.support.Browser;
import io.github.kcsessions.it.support.Http;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;
import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.SCRIPT_IP;
import static io.github.kcsessions.it.browser.SessionsElement.root;
import static io.github.kcsessions.it.browser.SessionsElement.session;
import static io.github.kcsessions.it.browser.SessionsElement.sessions;
import static io.github.kcsessions.it.browser.SessionsElement.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account console's "Devices & sessions" page in a real Chromium: signed in through the real login form, showing
 * sessions made by other devices through the real OIDC endpoints, and signing them out; checked through the API.
 */
@KeycloakTest
class DevicesPageIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("docs.dir", "docs"), "screenshots");

    private TestRealm realm;

    @BeforeAll
    void createRealm() {
        realm = TestRealm.create(DevicesPageIT.class, r -> {
            r.put("accountTheme", "session-devices");
            List<Object> users = new ArrayList<>((List<?>) r.get("users"));
            users.add(TestRealm.user(r.get("realm").toString(), "dave", "Dave", "Doe", "dave@example.com"));
            r.put("users", users);
        });
        withoutManageAccount("dave");
    }

    @BeforeEach
    void requireBrowser() {
        Browser.assumeAvailable();
    }

    @Test
    void showsEveryDeviceAndPlaceAndSignsOutOneThenEverywhereElse() {
        ThreeDevices alice = ThreeDevices.signIn(realm);
        Tokens laptop = alice.laptop();
        Tokens script = alice.script();
        Tokens phone = alice.phone();

        try (Browser browser = Browser.start(1280, 1000)) {
            browser.diagnosed("devices-alice", () -> openDevicesPage(browser, "alice"));
            WebElement london = alice.assertShown(browser);
            // Relative times, with the exact time in the user's locale for hover and focus.
            WebElement signedIn = london.findElement(By.cssSelector("time"));
            assertFalse(signedIn.getDomAttribute("title").isBlank());
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
            london = session(browser, laptop.sessionId());

            signOut(london);
            browser.waitFor(driver -> status(browser).equals("Firefox 133 on Linux was signed out."));
            sessions(browser, 3);
            assertEquals(401, realm.whoami(laptop).status());
            assertEquals(200, realm.whoami(script).status());
            assertEquals(200, realm.refresh(TestRealm.SPA, phone.refreshToken()).status());

            root(browser).findElement(By.cssSelector("[part~='sign-out-others']")).click();
            root(browser).findElement(By.cssSelector("[part~='confirm-sign-out']")).click();
            browser.waitFor(driver -> status(browser).equals("2 other sessions were signed out."));
            List<WebElement> left = sessions(browser, 1);
            assertTrue(left.get(0).getText().contains("This device"), left.get(0).getText());
        }
        assertEquals(401, realm.whoami(script).status());
        assertEquals(401, realm.userinfo(script.accessToken()).status());
        assertEquals(400, realm.refresh(TestRealm.SPA, phone.refreshToken()).status());
        // Only the browser's own session is left.
        JsonNode left = realm.admin().json("/realms/" + realm.name() + "/users/" + realm.userId("alice") + "/sessions");
        assertEquals(1, left.size(), left.toString());
        assertEquals(0, realm.admin().json("/realms/" + realm.name() + "/users/" + realm.userId("alice")
                + "/offline-sessions/" + clientUuid(TestRealm.SPA)).size());
    }

    /** A client names its own browser: the page shows that name as text, and nothing of it runs. */
    @Test
    void aHostileBrowserNameIsShownAsText() {
        String brand = "<img src=x onerror=alert(1)><b>Browser</b>";
        Tokens hostile = realm.passwordGrant(TestRealm.SPA, "carol", "User-Agent", CHROME_WINDOWS,
                "X-Forwarded-For", SCRIPT_IP, "Sec-CH-UA", "\"" + brand + "\";v=\"1\"");

        try (Browser browser = Browser.start(1280, 1000)) {
            browser.diagnosed("devices-carol", () -> openDevicesPage(browser, "carol"));
            sessions(browser, 2);
            WebElement card = session(browser, hostile.sessionId());
            assertTrue(card.getText().contains(brand), card.getText());
            assertTrue(root(browser).findElements(By.cssSelector("img, [part~='device'] b")).isEmpty(),
                    "no element made from the client's text");
            assertFalse(browser.alertShown(), "no script ran");
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
            WebElement own = sessions(browser, 1).get(0);
            signOut(own);
            // The console finds no session and shows Keycloak's login page again.
            browser.find(By.id("username"));
        }
        assertEquals(0, realm.admin().json("/realms/" + realm.name() + "/users/" + realm.userId("bob") + "/sessions")
                .size());
    }

    private void openDevicesPage(Browser browser, String username) {
        browser.open(realm.url("/account/content/devices-and-sessions"));
        browser.signIn(username, TestRealm.PASSWORD);
        browser.find(By.id("kcs-devices-title"));
        // The navigation entry replaces Keycloak's "Device activity".
        assertFalse(browser.findAll(By.linkText("Devices & sessions")).isEmpty());
        assertTrue(browser.findAll(By.linkText("Device activity")).isEmpty());
    }

    /** "Sign out" acts at once: no dialog. */
    private static void signOut(WebElement card) {
        card.findElement(By.cssSelector("[part~='sign-out']")).click();
    }

    private String clientUuid(String clientId) {
        return Admin.getJson("/realms/" + realm.name() + "/clients?clientId=" + clientId).get(0).get("id").asText();
    }

    /** Keeps view-profile but removes manage-account, the realm's switch for self-service. */
    private void withoutManageAccount(String username) {
        String user = realm.userId(username);
        JsonNode defaultRole = Admin.getJson("/realms/" + realm.name() + "/roles/default-roles-" + realm.name());
        Admin.expectOk(Http.method("DELETE", realm.baseUrl() + "/admin/realms/" + realm.name() + "/users/" + user
                + "/role-mappings/realm", "application/json", "[" + defaultRole + "]", "Authorization", Admin.bearer()));
        String account = Admin.getJson("/realms/" + realm.name() + "/clients?clientId=account").get(0).get("id").asText();
        JsonNode viewProfile = Admin.getJson("/realms/" + realm.name() + "/clients/" + account + "/roles/view-profile");
        Admin.expectOk(Admin.post("/realms/" + realm.name() + "/users/" + user + "/role-mappings/clients/" + account,
                List.of(viewProfile)));
    }
}
