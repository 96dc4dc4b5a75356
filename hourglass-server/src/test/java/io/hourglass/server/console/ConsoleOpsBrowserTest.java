package io.hourglass.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.ServerWithRoles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Operators' actions in a real browser (the Chromium of {@link ConsoleBrowserTest}): search the jobs list and
 * cancel all matching jobs through the confirmation page, set a queue's concurrency limit (and see a bad value
 * refused next to its field), and define a task whose secret stays masked. Each test leaves a screenshot under
 * {@code target/}.
 */
class ConsoleOpsBrowserTest extends ServerWithRoles {
    Path profile;
    ChromeDriver driver;

    @BeforeAll
    void requireChromium() {
        Chromium.require();
    }

    /** A profile directory of its own for each test's browser. */
    @BeforeEach
    void profile(@TempDir Path dir) {
        profile = dir;
    }

    @AfterEach
    void quit(TestInfo test) throws IOException {
        if (driver != null) {
            ConsoleBrowserTest.screenshotAndQuit(driver, test);
            driver = null; // one instance serves the class: the next test starts its own
        }
    }

    private WebDriverWait waiting() {
        return Chromium.waiting(driver);
    }

    private void logIn(String token) {
        driver = Chromium.start(profile);
        Chromium.logIn(driver, server.server.url(), token);
    }

    @Test
    void searchTheJobsAndCancelAllMatchingAfterTheConfirmation() {
        List<Long> ids = List.of(
                ConsoleJobsAndQueuesTest.enqueue(server, writer, "nightly", List.of("partner-acme")),
                ConsoleJobsAndQueuesTest.enqueue(server, writer, "nightly", List.of("partner-acme")));
        long spared = ConsoleJobsAndQueuesTest.enqueue(server, writer, "nightly", List.of("partner-globex"));
        logIn(writer);
        driver.findElement(By.linkText("Jobs")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("filter-text")));
        driver.findElement(By.id("filter-text")).sendKeys("partner-acme");
        driver.findElement(By.id("filter-queue")).sendKeys("nightly");
        driver.findElement(By.cssSelector("#filters button[type=submit]")).click();
        waiting().until(ExpectedConditions.urlContains("text=partner-acme"));
        waiting().until(d -> d.findElements(By.cssSelector("#jobs tbody tr")).size() == 2);

        driver.findElement(By.id("bulk-cancel")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("bulk-count")));
        assertThat(driver.findElement(By.id("bulk-count")).getText()).startsWith("2 jobs match");
        driver.findElement(By.id("bulk-confirm")).click();

        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(driver.findElement(By.id("notice")).getText()).contains("2 cancelled");
        waiting().until(ExpectedConditions.textToBe(By.cssSelector("#jobs tbody tr[data-job='" + ids.get(0)
                + "'] td:nth-child(4)"), "cancelled"));
        assertThat(server.withToken(writer).get("/api/v1/jobs/" + spared).json().get("state").asText())
                .isEqualTo("scheduled");
    }

    @Test
    void setAQueuesConcurrencyLimitAndSeeABadValueRefusedNextToIt() {
        ConsoleJobsAndQueuesTest.enqueue(server, writer, "partner-logins", List.of());
        logIn(admin);
        driver.findElement(By.linkText("Queues")).click();
        By field = By.cssSelector("tr[data-queue=partner-logins] input[name=concurrency]");
        waiting().until(ExpectedConditions.presenceOfElementLocated(field));

        type(driver.findElement(field), "0");
        driver.findElement(By.cssSelector("tr[data-queue=partner-logins] .limit-save")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("concurrency-error")));
        assertThat(driver.findElement(By.id("concurrency-error")).getText())
                .isEqualTo("concurrency: queue 'partner-logins': concurrency must be >= 1, was 0");

        type(driver.findElement(field), "4");
        driver.findElement(By.cssSelector("tr[data-queue=partner-logins] .limit-save")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
        assertThat(driver.findElement(By.id("notice")).getText()).contains("at most 4 of its jobs run at once");
        assertThat(driver.findElement(field).getAttribute("value")).isEqualTo("4");
    }

    @Test
    void defineATaskAndSeeItsSecretMasked() {
        logIn(admin);
        driver.findElement(By.linkText("Tasks")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("define-task")));
        driver.findElement(By.id("define-task")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("task-form")));
        driver.findElement(By.id("field-name")).sendKeys("partner-webhook");
        driver.findElement(By.id("field-executor")).sendKeys("webhook");
        type(driver.findElement(By.id("field-settings")), "{\"url\": \"http://127.0.0.1:9/hook\","
                + " \"hmacSecret\": \"browser-s3cret-value\"}");
        driver.findElement(By.id("field-queue")).sendKeys("hooks");
        driver.findElement(By.id("task-save")).click();

        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("settings")));
        assertThat(driver.findElement(By.id("notice")).getText()).contains("Defined task partner-webhook");
        assertThat(driver.findElement(By.id("settings")).getText()).contains("\"hmacSecret\" : \"***\"");
        assertThat(driver.getPageSource()).doesNotContain("browser-s3cret-value");
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }
}
