package io.github.kcsessions.it.browser;

import io.github.kcsessions.it.support.Browser;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.kcsessions.fixtures.Devices.CHROME_WINDOWS;
import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.FIREFOX_LINUX;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static io.github.kcsessions.fixtures.Devices.PHONE_IP;
import static io.github.kcsessions.fixtures.Devices.SAFARI_IPHONE;
import static io.github.kcsessions.fixtures.Devices.SCRIPT_IP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code <keycloak-sessions>} element on a page, whose parts are in its shadow root. */
final class SessionsElement {

    static final Path SCREENSHOTS = Path.of(System.getProperty("docs.dir", "docs"), "screenshots");
    private static final String HOSTILE_BRAND = "<img src=x onerror=alert(1)><b>Browser</b>";

    private SessionsElement() {
    }

    static SearchContext root(Browser browser) {
        return browser.find(By.tagName("keycloak-sessions")).getShadowRoot();
    }

    /** The session cards, once there are {@code expected} of them. */
    static List<WebElement> sessions(Browser browser, int expected) {
        browser.waitFor(driver -> root(browser).findElements(By.cssSelector("[part~='session']")).size() == expected);
        return root(browser).findElements(By.cssSelector("[part~='session']"));
    }

    static WebElement session(Browser browser, String sessionId) {
        return root(browser).findElement(By.cssSelector("[data-session-id='" + sessionId + "']"));
    }

    static String status(Browser browser) {
        return root(browser).findElement(By.cssSelector("[part~='status']")).getText();
    }

    /** "Sign out" on a card acts at once: no dialog. */
    static void signOut(WebElement card) {
        card.findElement(By.cssSelector("[part~='sign-out']")).click();
    }

    /** carol, signed in from a client that names its own browser with markup. */
    static Tokens hostileSignIn(TestRealm realm) {
        return realm.passwordGrant(TestRealm.SPA, "carol", "User-Agent", CHROME_WINDOWS,
                "X-Forwarded-For", SCRIPT_IP, "Sec-CH-UA", "\"" + HOSTILE_BRAND + "\";v=\"1\"");
    }

    /** The client's name for its browser is shown as text, and nothing of it runs. */
    static void assertShownAsText(Browser browser, Tokens hostile) {
        WebElement card = session(browser, hostile.sessionId());
        assertTrue(card.getText().contains(HOSTILE_BRAND), card.getText());
        assertTrue(root(browser).findElements(By.cssSelector("img, [part~='device'] b")).isEmpty(),
                "no element made from the client's text");
        assertFalse(browser.alertShown(), "no script ran");
    }

    /** Alice's laptop in London, a script, and a phone with offline access: what both pages are shown with. */
    record ThreeDevices(Tokens laptop, Tokens script, Tokens phone) {

        static ThreeDevices signIn(TestRealm realm) {
            return new ThreeDevices(
                    realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", FIREFOX_LINUX, "X-Forwarded-For", LONDON_IP),
                    realm.passwordGrant(TestRealm.SPA, "alice", "User-Agent", CURL, "X-Forwarded-For", SCRIPT_IP),
                    realm.passwordGrant(TestRealm.SPA, "alice", Map.of("scope", "openid offline_access"),
                            "User-Agent", SAFARI_IPHONE, "X-Forwarded-For", PHONE_IP));
        }

        /** The browser's own session first, then each device as a person reads it; answers the laptop's card. */
        WebElement assertShown(Browser browser) {
            List<WebElement> cards = sessions(browser, 4);
            assertTrue(cards.get(0).getText().contains("This device"), cards.get(0).getText());
            WebElement london = session(browser, laptop.sessionId());
            assertTrue(london.getText().contains("Firefox 133 on Linux"), london.getText());
            assertTrue(london.getText().contains("London, United Kingdom"), london.getText());
            assertTrue(london.getText().contains("Applications: Demo SPA"), london.getText());
            WebElement curl = session(browser, script.sessionId());
            assertTrue(curl.getText().contains("curl 8.5 \u2014 API client"), curl.getText());
            assertTrue(curl.getText().contains(SCRIPT_IP), curl.getText());
            WebElement offline = session(browser, phone.sessionId());
            assertTrue(offline.getText().contains("Offline access for Demo SPA"), offline.getText());
            assertTrue(offline.getText().contains("Safari 17 on iOS 17.5"), offline.getText());
            return london;
        }

        /** Signs the laptop out from its card: only its session ends, the script and the phone go on. */
        void signOutLaptop(Browser browser, TestRealm realm) {
            signOut(session(browser, laptop.sessionId()));
            browser.waitFor(driver -> status(browser).equals("Firefox 133 on Linux was signed out."));
            sessions(browser, 3);
            assertEquals(401, realm.whoami(laptop).status());
            assertEquals(200, realm.whoami(script).status());
            assertEquals(200, realm.refresh(TestRealm.SPA, phone.refreshToken()).status());
        }

        /** "Everywhere else" asks inline first, then ends the script and the phone and leaves only this device. */
        void signOutOthers(Browser browser, TestRealm realm) {
            root(browser).findElement(By.cssSelector("[part~='sign-out-others']")).click();
            root(browser).findElement(By.cssSelector("[part~='confirm-sign-out']")).click();
            browser.waitFor(driver -> status(browser).equals("2 other sessions were signed out."));
            List<WebElement> left = sessions(browser, 1);
            assertTrue(left.get(0).getText().contains("This device"), left.get(0).getText());
            assertEquals(401, realm.whoami(script).status());
            assertEquals(400, realm.refresh(TestRealm.SPA, phone.refreshToken()).status());
        }
    }
}
