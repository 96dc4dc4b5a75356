package io.hourglass.server.console;

import io.hourglass.testsupport.Requirements;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, through the system chromedriver given by path (so Selenium Manager downloads
 * nothing): what every console browser test starts from, logs in with and leaves its screenshots by. A test class
 * calls {@link #require()} first, so it skips loudly without the browser unless {@code HOURGLASS_REQUIRE} names
 * {@code browser}, and then fails.
 */
final class Chromium {
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final File CHROMIUM = new File("/usr/lib/chromium/chromium");

    private Chromium() {
    }

    static void require() {
        Requirements.require("browser", CHROMEDRIVER.canExecute() && CHROMIUM.canExecute(),
                CHROMEDRIVER + " and " + CHROMIUM + " (apt-get install chromium chromium-driver)");
    }

    /** A new browser with its own profile directory and a window tall enough for the console's forms. */
    static ChromeDriver start(Path profile) {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,1100", "--user-data-dir=" + profile.toAbsolutePath());
        return new ChromeDriver(service, options);
    }

    static WebDriverWait waiting(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** Opens the console at {@code serverUrl}, is sent to the login page, logs in and waits for the overview. */
    static void logIn(WebDriver driver, String serverUrl, String token) {
        driver.get(serverUrl + "/console");
        waiting(driver).until(ExpectedConditions.urlContains("/console/login"));
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.id("login")).click();
        waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("states")));
    }

    /** Saves the page as {@code target/<file>}. */
    static void screenshot(WebDriver driver, String file) throws IOException {
        Path shot = Path.of("target", file);
        Files.createDirectories(shot.getParent());
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shot,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
