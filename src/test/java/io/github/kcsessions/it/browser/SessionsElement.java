package io.github.kcsessions.it.browser;

import io.github.kcsessions.it.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import java.util.List;

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
}
