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
 * {@code <keycloak-sessions>} in an app of its own origin that signs in with keycloak-js and loads the element from
 * the extension's URL, in a real Chromium (docs/embedding.md): what it shows, its buttons ending sessions on the server,
 * its events, and its screenshots for the docs.
 */
@KeycloakTest
class EmbeddedComponentIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("docs.dir", "docs"), "screenshots");

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
        Tokens laptop = alice.laptop();
        Tokens script = alice.script();
        Tokens phone = alice.phone();

        try (Browser browser = Browser.start(1280, 900)) {
            browser.diagnosed("embedded-alice", () -> {
                browser.open(app.url("/"));
                browser.signIn("alice", TestRealm.PASSWORD);
                sessions(browser, 4);
            });
            WebElement london = alice.assertShown(browser);
            assertEquals("listitem", london.getDomAttribute("role"));
            assertEquals(List.of(Map.of("type", "sessions-loaded", "detail", 4L)), events(browser));

            browser.resize(1280, 1120);
            browser.screenshot(SCREENSHOTS.resolve("keycloak-sessions-desktop.png"));
            browser.resize(390, 1500);
            browser.screenshot(SCREENSHOTS.resolve("keycloak-sessions-mobile.png"));
            browser.resize(1280, 900);

            // One button, and it acts at once.
            london.findElement(By.cssSelector("[part~='sign-out']")).click();
            browser.waitFor(driver -> status(browser).equals("Firefox 133 on Linux was signed out."));
            sessions(browser, 3);
            assertTrue(events(browser).contains(Map.of("type", "session-revoked", "detail", laptop.sessionId())));
            assertEquals(401, realm.whoami(laptop).status());
            assertEquals(200, realm.whoami(script).status());
            assertEquals(200, realm.refresh(TestRealm.SPA, phone.refreshToken()).status());

            // "Everywhere else" asks inline first.
            root(browser).findElement(By.cssSelector("[part~='sign-out-others']")).click();
            root(browser).findElement(By.cssSelector("[part~='confirm-sign-out']")).click();
            browser.waitFor(driver -> status(browser).equals("2 other sessions were signed out."));
            List<WebElement> left = sessions(browser, 1);
            assertTrue(left.get(0).getText().contains("This device"), left.get(0).getText());
        }
        assertEquals(401, realm.whoami(script).status());
        assertEquals(400, realm.refresh(TestRealm.SPA, phone.refreshToken()).status());
    }

    /** A client names its own browser: the element shows that name as text, and nothing of it runs. */
    @Test
    void aHostileBrowserNameStaysText() {
        String brand = "<img src=x onerror=alert(1)><b>Browser</b>";
        Tokens hostile = realm.passwordGrant(TestRealm.SPA, "carol", "User-Agent", CHROME_WINDOWS,
                "X-Forwarded-For", SCRIPT_IP, "Sec-CH-UA", "\"" + brand + "\";v=\"1\"");
        try (Browser browser = Browser.start(1280, 900)) {
            browser.diagnosed("embedded-carol", () -> {
                browser.open(app.url("/"));
                browser.signIn("carol", TestRealm.PASSWORD);
                sessions(browser, 2);
            });
            WebElement item = session(browser, hostile.sessionId());
            assertTrue(item.getText().contains(brand), item.getText());
            assertTrue(root(browser).findElements(By.cssSelector("img, [part~='device'] b")).isEmpty(),
                    "no element made from the client's text");
            assertFalse(browser.alertShown(), "no script ran");
        }
    }

    @Test
    void itFollowsThePagesLanguage() {
        realm.passwordGrant(TestRealm.SPA, "bob", "User-Agent", CURL, "X-Forwarded-For", SCRIPT_IP);
        try (Browser browser = Browser.start(1280, 900)) {
            browser.diagnosed("embedded-bob", () -> {
                browser.open(app.url("/german.html"));
                browser.signIn("bob", TestRealm.PASSWORD);
                sessions(browser, 2);
            });
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

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Browser browser) {
        return (List<Map<String, Object>>) ((JavascriptExecutor) browser.driver()).executeScript("return window.kcsEvents");
    }
}
