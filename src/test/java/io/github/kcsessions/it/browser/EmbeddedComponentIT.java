package io.github.kcsessions.it.browser;

import io.github.kcsessions.it.browser.SessionsElement.ThreeDevices;
import io.github.kcsessions.it.support.Browser;
import io.github.kcsessions.it.support.EmbeddingApp;
import io.github.kcsessions.it.support.FreePort;
import io.github.kcsessions.it.support.KeycloakTest;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.SCRIPT_IP;
import static io.github.kcsessions.it.browser.SessionsElement.SCREENSHOTS;
import static io.github.kcsessions.it.browser.SessionsElement.root;
import static io.github.kcsessions.it.browser.SessionsElement.sessions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code <keycloak-sessions>} in an app of its own origin that signs in with keycloak-js and loads the element from
 * the extension's URL, in a real Chromium (docs/embedding.md): what it shows, its buttons ending sessions on the server,
 * its events, and its screenshots for the docs.
 */
@KeycloakTest
class EmbeddedComponentIT {

    private TestRealm realm;
    private EmbeddingApp app;

    @BeforeAll
    void start() {
        int port = FreePort.next();
        realm = TestRealm.create(EmbeddedComponentIT.class, r -> {
            List<Object> clients = new ArrayList<>((List<?>) r.get("clients"));
            clients.add(EmbeddingApp.client(port));
            r.put("clients", clients);
        });
        app = EmbeddingApp.start(realm, port);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @BeforeEach
    void requireBrowser() {
        Browser.assumeAvailable();
    }

    @Test
    void anAppOnAnotherOriginShowsTheSessionsAndSignsThemOut() {
        ThreeDevices alice = ThreeDevices.signIn(realm);
        try (Browser browser = Browser.start(1280, 900)) {
            signInToApp(browser, "/", "alice", 4);
            WebElement london = alice.assertShown(browser);
            assertEquals("listitem", london.getDomAttribute("role"));
            assertEquals(List.of(Map.of("type", "sessions-loaded", "detail", 4L)), events(browser));

            browser.resize(1280, 1120);
            browser.screenshot(SCREENSHOTS.resolve("keycloak-sessions-desktop.png"));
            browser.resize(390, 1500);
            browser.screenshot(SCREENSHOTS.resolve("keycloak-sessions-mobile.png"));
            browser.resize(1280, 900);

            alice.signOutLaptop(browser, realm);
            assertTrue(events(browser).contains(Map.of("type", "session-revoked", "detail",
                    alice.laptop().sessionId())));
            alice.signOutOthers(browser, realm);
        }
    }

    /** A client names its own browser: the element shows that name as text, and nothing of it runs. */
    @Test
    void aHostileBrowserNameStaysText() {
        Tokens hostile = SessionsElement.hostileSignIn(realm);
        try (Browser browser = Browser.start(1280, 900)) {
            signInToApp(browser, "/", "carol", 2);
            SessionsElement.assertShownAsText(browser, hostile);
        }
    }

    @Test
    void itFollowsThePagesLanguage() {
        realm.passwordGrant(TestRealm.SPA, "bob", "User-Agent", CURL, "X-Forwarded-For", SCRIPT_IP);
        try (Browser browser = Browser.start(1280, 900)) {
            signInToApp(browser, "/german.html", "bob", 2);
            assertTrue(sessions(browser, 2).get(0).getText().contains("Dieses Ger\u00e4t"),
                    sessions(browser, 2).get(0).getText());
            assertEquals("\u00dcberall sonst abmelden",
                    root(browser).findElement(By.cssSelector("[part~='sign-out-others']")).getText());
        }
    }

    @Test
    void withoutAKeycloakInstanceOrATokenFunctionItSaysSo() {
        try (Browser browser = Browser.start(1280, 900)) {
            browser.open(app.url("/unconfigured.html"));
            browser.waitFor(driver -> root(browser).findElement(By.cssSelector("[part~='message']")).getText()
                    .startsWith("This list needs a signed-in user"));
        }
    }

    private void signInToApp(Browser browser, String page, String username, int sessions) {
        browser.diagnosed("embedded-" + username, () -> {
            browser.open(app.url(page));
            browser.signIn(username, TestRealm.PASSWORD);
            sessions(browser, sessions);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Browser browser) {
        return (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver()).executeScript("return window.kcsEvents");
    }
}
