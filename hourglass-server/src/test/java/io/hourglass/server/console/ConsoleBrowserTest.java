package io.hourglass.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.TestServer;
import io.hourglass.server.auth.Role;
import io.hourglass.server.auth.TokenStore;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.testing.Requirements;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's Chromium, headless, driven through Selenium with the system
 * chromedriver (given by path, so Selenium Manager downloads nothing). Skips loudly without them unless
 * {@code HOURGLASS_REQUIRE} names {@code browser}. Each test leaves a screenshot under {@code target/}.
 */
class ConsoleBrowserTest {
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final File CHROMIUM = new File("/usr/lib/chromium/chromium");

    @TempDir
    static Path dataDir;
    static TestServer server;
    static String reader;
    static String writer;

    @TempDir
    Path profile;
    WebDriver driver;

    @BeforeAll
    static void start() {
        Requirements.require("browser", CHROMEDRIVER.canExecute() && CHROMIUM.canExecute(),
                CHROMEDRIVER + " and " + CHROMIUM + " (apt-get install chromium chromium-driver)");
        TokenStore tokens = new TokenStore(dataDir, Clock.systemUTC());
        reader = tokens.create("reader", Role.READ);
        writer = tokens.create("writer", Role.WRITE);
        server = TestServer.start(ServerConfig.forTests(dataDir));
        for (int i = 0; i < 3; i++) {
            ConsoleTest.enqueueLater(server, writer, "reports", Map.of("partner", "acme-" + i));
        }
        ConsoleTest.failedJob(server, writer, "partner-logins", "login check failed: 401 from partner");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void quit(TestInfo test) throws IOException {
        if (driver != null) {
            screenshotAndQuit((ChromeDriver) driver, test);
        }
    }

    /** Saves the page as {@code target/console-<test>.png}, then ends the browser. */
    static void screenshotAndQuit(ChromeDriver driver, TestInfo test) throws IOException {
        Path shot = Path.of("target", "console-" + test.getTestMethod().orElseThrow().getName() + ".png");
        Files.createDirectories(shot.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        driver.quit();
    }

    private WebDriver browser() {
        driver = chromium(profile);
        return driver;
    }

    /** Headless Debian Chromium through the system chromedriver, with its own profile directory. */
    static ChromeDriver chromium(Path profile) {
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        return new ChromeDriver(service, options);
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    private void logIn(String token) {
        browser().get(server.server.url() + "/console");
        waiting().until(ExpectedConditions.urlContains("/console/login"));
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.id("login")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("states")));
    }

    @Test
    void logInAndOpenTheJobsListAndAJob() {
        logIn(writer);
        assertThat(driver.findElement(By.id("role")).getText()).isEqualTo("write");
        assertThat(driver.findElement(By.id("failures")).getText()).contains("login check failed");
        saveOverviewScreenshot();

        driver.findElement(By.linkText("Jobs")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("jobs")));
        driver.findElement(By.cssSelector("#jobs tbody tr a")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("facts")));
        assertThat(driver.findElement(By.id("facts")).getText()).contains("console-remote");
    }

    @Test
    void cancelAScheduledJobAndSeeItCancelled() {
        long id = ConsoleTest.enqueueLater(server, writer, "to-cancel", Map.of());
        logIn(writer);
        driver.get(server.server.url() + "/console/jobs/" + id);
        driver.findElement(By.id("action-cancel")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("job-state"), "cancelled"));
        assertThat(driver.findElement(By.id("notice")).getText()).contains("Cancelled");
    }

    @Test
    void pauseAndResumeAQueue() {
        ConsoleTest.enqueueLater(server, writer, "to-pause", Map.of());
        logIn(writer);
        driver.findElement(By.linkText("Queues")).click();
        By state = By.cssSelector("tr[data-queue=to-pause] .queue-state");
        waiting().until(ExpectedConditions.textToBe(state, "active"));
        driver.findElement(By.cssSelector("tr[data-queue=to-pause] .queue-action")).click();
        waiting().until(ExpectedConditions.textToBe(state, "paused"));
        driver.findElement(By.cssSelector("tr[data-queue=to-pause] .queue-action")).click();
        waiting().until(ExpectedConditions.textToBe(state, "active"));
    }

    @Test
    void aReadOnlyUserSeesNoActionButtons() {
        long id = ConsoleTest.enqueueLater(server, writer, "read-only", Map.of());
        logIn(reader);
        driver.get(server.server.url() + "/console/jobs/" + id);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("facts")));
        assertThat(driver.findElements(By.cssSelector("button[id^=action-]"))).isEmpty();
        driver.get(server.server.url() + "/console/queues");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("queues")));
        assertThat(driver.findElements(By.cssSelector(".queue-action"))).isEmpty();
    }

    /** The overview as the README shows it (docs/console-overview.png is a copy of this file). */
    private void saveOverviewScreenshot() {
        try {
            Files.copy(((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath(),
                    Path.of("target", "console-overview.png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
