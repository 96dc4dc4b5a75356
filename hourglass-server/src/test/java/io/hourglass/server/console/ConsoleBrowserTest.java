package io.hourglass.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.server.ServerWithRoles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's Chromium, headless, driven through Selenium with the system
 * chromedriver (given by path, so Selenium Manager downloads nothing). Skips loudly without them unless
 * {@code HOURGLASS_REQUIRE} names {@code browser}. Each test leaves a screenshot under {@code target/}.
 */
class ConsoleBrowserTest extends ServerWithRoles {
    Path profile;
    WebDriver driver;

    @BeforeAll
    void seed() {
        Chromium.require();
        for (int i = 0; i < 3; i++) {
            ConsoleTest.enqueueLater(server, writer, "reports", Map.of("partner", "acme-" + i));
        }
        ConsoleTest.failedJob(server, writer, "partner-logins", "login check failed: 401 from partner");
    }

    /** A profile directory of its own for each test's browser. */
    @BeforeEach
    void profile(@TempDir Path dir) {
        profile = dir;
    }

    @AfterEach
    void quit(TestInfo test) throws IOException {
        if (driver != null) {
            screenshotAndQuit((ChromeDriver) driver, test);
            driver = null; // one instance serves the class: the next test starts its own
        }
    }

    /** Saves the page as {@code target/console-<test>.png}, then ends the browser. */
    static void screenshotAndQuit(ChromeDriver driver, TestInfo test) throws IOException {
        Chromium.screenshot(driver, "console-" + test.getTestMethod().orElseThrow().getName() + ".png");
        driver.quit();
    }

    private WebDriver browser() {
        driver = Chromium.start(profile);
        return driver;
    }

    private WebDriverWait waiting() {
        return Chromium.waiting(driver);
    }

    private void logIn(String token) {
        Chromium.logIn(browser(), server.server.url(), token);
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

    @Test
    void aJobPageWatchedInTheBrowserShowsTheJobFinishWithoutReloading() {
        long id = ConsoleLiveTest.enqueueForWorker(server, writer, "browser-watch");
        logIn(writer);
        driver.get(server.server.url() + "/console/jobs/" + id);
        waiting().until(ExpectedConditions.textToBe(By.id("job-state"), "scheduled"));
        ((ChromeDriver) driver).executeScript("window.stillTheSamePage = true;");
        waiting().until(d -> ((ChromeDriver) d).executeScript("return window.htmx !== undefined"));

        ConsoleLiveTest.popAndComplete(server, writer, "browser-watch", id);

        waiting().until(ExpectedConditions.textToBe(By.id("job-state"), "succeeded"));
        assertThat(driver.findElement(By.id("attempts")).getText()).contains("succeeded").contains("live-worker");
        assertThat(((ChromeDriver) driver).executeScript("return window.stillTheSamePage === true")).isEqualTo(true);
    }

    @Test
    void aHiddenTabStopsListeningAndCatchesUpWhenShownAgain() {
        long id = ConsoleLiveTest.enqueueForWorker(server, writer, "browser-hidden");
        logIn(writer);
        driver.get(server.server.url() + "/console/jobs/" + id);
        waiting().until(ExpectedConditions.textToBe(By.id("job-state"), "scheduled"));
        waiting().until(d -> ((ChromeDriver) d).executeScript("return window.htmx !== undefined"));
        setHidden(true);

        ConsoleLiveTest.popAndComplete(server, writer, "browser-hidden", id);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.withToken(writer).get("/api/v1/jobs/" + id).json()
                .get("state").asText().equals("succeeded"));
        // live updates arrive within a second or two; a hidden tab hears none
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() ->
                driver.findElement(By.id("job-state")).getText().equals("scheduled"));

        setHidden(false);
        waiting().until(ExpectedConditions.textToBe(By.id("job-state"), "succeeded"));
    }

    /** What the browser does when the tab is hidden or shown (headless Chromium's tab is always visible). */
    private void setHidden(boolean hidden) {
        ((ChromeDriver) driver).executeScript("Object.defineProperty(document, 'hidden', {value: arguments[0],"
                + " configurable: true}); document.dispatchEvent(new Event('visibilitychange'));", hidden);
    }

    @Test
    void theJobsListOffersNewJobsEnqueuedWhileItIsOpenWithoutReflowing() {
        ConsoleLiveTest.enqueueForWorker(server, writer, "browser-new");
        logIn(reader);
        driver.get(server.server.url() + "/console/jobs?queue=browser-new");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("jobs")));
        ((ChromeDriver) driver).executeScript("window.stillTheSamePage = true;");

        ConsoleLiveTest.enqueueForWorker(server, writer, "browser-new");

        waiting().until(ExpectedConditions.textToBe(By.id("new-jobs"), "1 new job — show them"));
        assertThat(driver.findElements(By.cssSelector("#jobs tbody tr"))).hasSize(1);
        assertThat(((ChromeDriver) driver).executeScript("return window.stillTheSamePage === true")).isEqualTo(true);
        screenshot("console-new-jobs-notice.png");
        driver.findElement(By.id("new-jobs")).click();
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#jobs tbody tr"), 2));
    }

    @Test
    void theOverviewDrawsTheAttemptsChart() {
        logIn(reader);
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#attempts-chart .uplot canvas")));
        assertThat(driver.findElement(By.id("attempts-table-box")).getAttribute("open")).isNull();
        driver.findElement(By.id("window-day")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("attempts-window"), "the last day, per 5 minutes"));
        waiting().until(ExpectedConditions.attributeToBe(By.id("attempts-chart"), "data-drawn", "288"));
    }

    /** The overview as the README shows it (docs/console-overview.png is a copy of this file). */
    private void saveOverviewScreenshot() {
        screenshot("console-overview.png");
    }

    /** The page as it is now, under target/ (a moment inside a test; each test also leaves its last page). */
    private void screenshot(String name) {
        try {
            Files.copy(((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath(),
                    Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
