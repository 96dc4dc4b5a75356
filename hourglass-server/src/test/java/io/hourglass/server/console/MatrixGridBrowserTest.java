package io.hourglass.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.ServerWithRoles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A matrix schedule's grid in a real browser (Debian's Chromium through Selenium, set up as
 * {@link ConsoleBrowserTest} does): a partner × browser matrix fired once, its cells ended by a remote worker played
 * by the test (succeeded, failed, infra_error by an outcome rule, one still running); the infrastructure failure is
 * drawn unlike the real one, and "Retry failed cells" retries both after its confirmation. Leaves
 * target/console-matrix-grid.png (the picture in docs/console.md) and target/console-matrix-retried.png.
 */
class MatrixGridBrowserTest extends ServerWithRoles {
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
    void quit() throws IOException {
        if (driver != null) {
            shot("console-matrix-retried.png");
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

    private WebElement cell(String label) {
        return driver.findElement(By.cssSelector("#matrix-grid td[data-cell='" + label + "']"));
    }

    @Test
    void theGridDrawsAnInfraErrorUnlikeAFailureAndRetriesTheFailedCells() throws IOException {
        MatrixConsoleContract.fireGrid(server.withToken(admin), "login-checks", "checks");
        driver = Chromium.start(profile);
        Chromium.logIn(driver, server.server.url(), writer);

        driver.findElement(By.linkText("Schedules")).click();
        waiting().until(ExpectedConditions.elementToBeClickable(By.linkText("login-checks"))).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("matrix-grid")));
        WebElement infra = cell("partner=globex, browser=chrome");
        WebElement failed = cell("partner=acme, browser=firefox");
        assertThat(infra.getText()).contains("infra_error");
        assertThat(failed.getText()).contains("failed");
        assertThat(infra.getCssValue("background-image")).contains("repeating-linear-gradient");
        assertThat(failed.getCssValue("background-image")).isEqualTo("none");
        assertThat(infra.getCssValue("background-color")).isNotEqualTo(failed.getCssValue("background-color"));
        assertThat(cell("partner=acme, browser=chrome").getCssValue("background-color"))
                .isNotEqualTo(failed.getCssValue("background-color"));
        Path grid = Path.of("target", "console-matrix-grid.png");
        Files.createDirectories(grid.getParent());
        WebElement section = driver.findElement(By.id("matrix"));
        driver.executeScript("arguments[0].scrollIntoView(true)", section);
        Files.copy(section.getScreenshotAs(OutputType.FILE).toPath(), grid,
                StandardCopyOption.REPLACE_EXISTING);

        driver.findElement(By.id("retry-failed")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("retry-count")));
        assertThat(driver.findElement(By.id("retry-count")).getText()).contains("2 cells");
        driver.findElement(By.id("confirm-retry")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("matrix-grid")));
        assertThat(driver.findElement(By.id("notice")).getText()).contains("Retried 2 failed cells")
                .contains("partner=acme, browser=firefox → #").contains("partner=globex, browser=chrome → #");
        assertThat(server.withToken(writer).get("/api/v1/jobs?task=login-checks-check").json().get("items"))
                .hasSize(6);
    }
}
