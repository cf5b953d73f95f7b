package io.github.kcsessions.it.support;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real browser: Debian's headless {@code chromium}, driven through its own {@code chromedriver} (no browser download
 * by a test tool). Each instance has a fresh profile, so no cookie or session is shared between instances.
 *
 * <p>When Chromium is missing the browser tests are skipped and reported as skipped, except where a browser is required
 * ({@code CI} set in the environment, as {@code .ci/run} does, or {@code -Dbrowser.required=true}): there they fail.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test when there is no Chromium, or fails it where a browser is required. */
    public static void assumeAvailable() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && (System.getenv("CI") != null || Boolean.getBoolean("browser.required"))) {
            fail("The browser tests need " + CHROMIUM + " and " + CHROMEDRIVER + " (Debian: apt-get install chromium "
                    + "chromium-driver); CI installs them in .ci/run");
        }
        assumeTrue(present, "No Chromium at " + CHROMIUM + " with " + CHROMEDRIVER + ": browser tests skipped");
    }

    public static Browser start(int width, int height) {
        assumeAvailable();
        try {
            Path profile = Files.createTempDirectory("kcs-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--lang=en-GB",
                    "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
            // The page's console messages, for the diagnostics written when a test fails.
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogOutput(new FileOutputStream(targetFile("chromedriver.log").toFile(), true))
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(width, height));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Signs in on Keycloak's real login page, which the browser must be showing. */
    public void signIn(String username, String password) {
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    public <T> T waitFor(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    public WebElement find(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Whether a JavaScript alert is open (a script from data would open one). */
    public boolean alertShown() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (org.openqa.selenium.NoAlertPresentException none) {
            return false;
        }
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A PNG of the whole page as it is now, written to {@code file}. */
    public void screenshot(Path file) {
        try {
            File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.createDirectories(file.getParent());
            Files.copy(png.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code step}; when it fails, the page's address, source, screenshot and console messages are written to
     * {@code target/browser-<name>.*} before the failure is passed on.
     */
    public void diagnosed(String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | AssertionError e) {
            try {
                String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .map(Object::toString).collect(Collectors.joining("\n"));
                Files.writeString(targetFile("browser-" + name + ".txt"),
                        driver.getCurrentUrl() + "\n\n" + console + "\n\n" + driver.getPageSource());
                screenshot(targetFile("browser-" + name + ".png"));
            } catch (RuntimeException | IOException ignored) {
                // the diagnostics are a courtesy; the test's own failure is what matters
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                TestResources.deleteRecursively(profile);
            } catch (UncheckedIOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }

    private static Path targetFile(String name) throws IOException {
        return Files.createDirectories(TestResources.buildDirectory()).resolve(name);
    }
}
