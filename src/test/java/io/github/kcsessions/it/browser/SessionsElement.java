package io.github.kcsessions.it.browser;

import io.github.kcsessions.it.support.Browser;
import io.github.kcsessions.it.support.TestRealm;
import io.github.kcsessions.it.support.Tokens;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static io.github.kcsessions.fixtures.Devices.CURL;
import static io.github.kcsessions.fixtures.Devices.FIREFOX_LINUX;
import static io.github.kcsessions.fixtures.Devices.LONDON_IP;
import static io.github.kcsessions.fixtures.Devices.PHONE_IP;
import static io.github.kcsessions.fixtures.Devices.SAFARI_IPHONE;
import static io.github.kcsessions.fixtures.Devices.SCRIPT_IP;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code <keycloak-sessions>} element on a page, whose parts are in its shadow root. */
final class SessionsElement {

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
    }
}
