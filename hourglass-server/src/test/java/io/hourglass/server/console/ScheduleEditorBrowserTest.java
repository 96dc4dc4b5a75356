package io.hourglass.server.console;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.ServerWithRoles;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The schedule editor in a real browser (Debian's Chromium through Selenium, set up as {@link ConsoleBrowserTest}
 * does): a writer creates a cron schedule through the form, watches the preview follow the typing (an invalid
 * expression's reason, then the next fire times in words), saves it, triggers it and sees its job succeed on a
 * shell task this server runs. Leaves target/console-schedule-editor.png (the README's picture of the editor).
 */
class ScheduleEditorBrowserTest extends ServerWithRoles {
    Path profile;
    ChromeDriver driver;

    @Override
    protected ServerConfig config(Path dataDir) {
        return ServerConfig.forTests(dataDir).withShellAllow(List.of("/bin/echo"));
    }

    @BeforeAll
    void defineTheTask() {
        Chromium.require();
        Response defined = server.withToken(admin).putJson("/api/v1/tasks/nightly-report", map("executor", "shell",
                "settings", map("command", List.of("/bin/echo", "report for"))));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
    }

    /** A profile directory of its own for each test's browser. */
    @BeforeEach
    void profile(@TempDir Path dir) {
        profile = dir;
    }

    @AfterEach
    void quit() throws IOException {
        if (driver != null) {
            shot("console-schedule-page.png");
            driver.quit();
            driver = null; // one instance serves the class: the next test starts its own
        }
    }

    private void shot(String file) throws IOException {
        Chromium.screenshot(driver, file);
    }

    private WebDriverWait waiting() {
        return Chromium.waiting(driver);
    }

    private void type(String field, String text) {
        WebElement input = driver.findElement(By.id("field-" + field));
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void createACronScheduleWatchItsPreviewTriggerItAndSeeItsJobSucceed() throws IOException {
        driver = Chromium.start(profile);
        Chromium.logIn(driver, server.server.url(), writer);

        driver.findElement(By.linkText("Schedules")).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("new-schedule"))).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("schedule-form")));
        assertThat(driver.findElement(By.id("preview-hint")).getText()).contains("as you type");
        type("name", "nightly-report");
        type("task", "nightly-report");
        type("zone", "Europe/Amsterdam");
        type("cron", "30 2 * *");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("preview-error")));
        assertThat(driver.findElement(By.id("preview-error")).getText()).startsWith("cron:");
        driver.findElement(By.id("field-cron")).sendKeys(" 1-5");
        waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#preview-times li"), 5));
        assertThat(driver.findElement(By.id("preview-timing")).getText()).contains("02:30")
                .contains("Europe/Amsterdam");
        type("args", "[\"eu-west\"]");
        type("kwargs", "{\"format\": \"pdf\"}");
        type("queue", "reports");
        shot("console-schedule-editor.png");

        driver.findElement(By.id("save")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("definition")));
        assertThat(driver.findElement(By.id("notice")).getText()).contains("Created schedule nightly-report");
        assertThat(driver.findElements(By.cssSelector("#next-fires li"))).hasSize(5);
        assertThat(driver.findElement(By.cssSelector("#history tr[data-action=created] .actor")).getText())
                .isEqualTo("writer");

        driver.findElement(By.cssSelector("#schedule-actions .schedule-trigger")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("job-state")));
        assertThat(driver.findElement(By.id("notice")).getText()).contains("Triggered schedule nightly-report");
        // no reload: the job page follows its job by server-sent events until it has run
        waiting().until(ExpectedConditions.textToBe(By.id("job-state"), "succeeded"));

        driver.get(server.server.url() + "/console/schedules/nightly-report");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("schedule-jobs")));
        assertThat(driver.findElement(By.cssSelector("#schedule-jobs tbody tr .state-succeeded")).getText())
                .isEqualTo("succeeded");
        assertThat(driver.findElement(By.cssSelector("#history tr[data-action=triggered] .actor")).getText())
                .isEqualTo("writer");
    }
}
