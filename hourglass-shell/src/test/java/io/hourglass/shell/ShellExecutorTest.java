package io.hourglass.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.testing.RecordingJobContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real processes: what runs, what it sees, and how each ending maps to an outcome. */
class ShellExecutorTest {
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-job-runner"));

    @AfterEach
    void stop() {
        runner.shutdownNow();
    }

    static RecordingJobContext job(List<Object> args, Map<String, Object> kwargs) {
        return new RecordingJobContext(9, "run", args, kwargs, null);
    }

    private static ExecutionResult run(ShellSettings settings, RecordingJobContext job) {
        return new ShellExecutor(settings).execute(job);
    }

    private static ShellSettings.Builder sh(String script) {
        return ShellSettings.builder().allow("/bin/sh").command("/bin/sh", "-c", script);
    }

    @Test
    void echoSucceedsAndCapturesItsOutput() {
        RecordingJobContext job = job(List.of("hello", 3), Map.of());

        ExecutionResult result = run(ShellSettings.builder().allow("/bin/echo").command("/bin/echo").build(), job);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(job.output()).isEqualTo("hello 3\n");
    }

    @Test
    void argumentsWithSpacesQuotesAndSubstitutionsArePassedLiterally() {
        ShellSettings settings = ShellSettings.builder().allow("printf").command("printf", "[%s]\\n").build();
        RecordingJobContext job = job(List.of("a b", "it's \"quoted\"", "$(echo injected)", "*", "; ls"), Map.of());

        assertThat(run(settings, job).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(job.output()).isEqualTo("[a b]\n[it's \"quoted\"]\n[$(echo injected)]\n[*]\n[; ls]\n");
    }

    @Test
    void nonZeroExitFailsWithTheExitCodeAndOutputTail() {
        ExecutionResult result = run(sh("echo boom >&2; exit 3").build(), job(List.of(), Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("/bin/sh: exit code 3", "boom");
    }

    @Test
    void stdinIsClosedSoACommandReadingItEnds() {
        ShellSettings settings = ShellSettings.builder().allow("cat").command("cat").build();

        assertThat(run(settings, job(List.of(), Map.of())).outcome()).isEqualTo(Outcome.SUCCEEDED);
    }

    @Test
    void disabledSettingsRefuseEveryJob() {
        ExecutionResult result = run(ShellSettings.disabled(), job(List.of("x"), Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("shell executor is disabled: enable it with an allow-list");
    }

    @Test
    void perJobArgvRunsWhenAllowedAndItsExecutableIsAllowListed() {
        ShellSettings settings = ShellSettings.builder().allow("echo").allowJobCommands(true).build();
        RecordingJobContext job = job(List.of(), Map.of("argv", List.of("echo", "from", "job")));

        assertThat(run(settings, job).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(job.output()).isEqualTo("from job\n");
    }

    @Test
    void executableOutsideTheAllowListIsRefusedWithoutRunning() {
        ShellSettings settings = ShellSettings.builder().allow("/bin/echo").allowJobCommands(true).build();

        ExecutionResult result = run(settings, job(List.of(), Map.of("argv", List.of("/bin/rm", "-rf", "/tmp/x"))));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("'/bin/rm' is not in this task's allow-list", "not retried");
    }

    @Test
    void perJobArgvIsRefusedWhenTheSettingsFixTheCommand() {
        ShellSettings settings = ShellSettings.builder().allow("/bin/echo").command("/bin/echo").build();

        ExecutionResult result = run(settings, job(List.of(), Map.of("argv", List.of("/bin/echo", "x"))));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("kwargs.argv", "per-job commands are off");
    }

    @Test
    void argumentThatIsNeitherStringNorNumberFailsNamingItsIndex() {
        ShellSettings settings = ShellSettings.builder().allow("/bin/echo").command("/bin/echo").build();

        ExecutionResult result = run(settings, job(List.of("ok", Map.of("a", 1)), Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("args[1]", "must be a string or a number");
    }

    @Test
    void childSeesFixedAndAllowListedJobEnvironmentButNotTheSchedulers() {
        ShellSettings settings = sh("echo \"$GREETING/$FIXED/home=$HOME/$PATH\"")
                .environment("FIXED", "f").passEnv("GREETING").build();
        RecordingJobContext job = job(List.of(), Map.of("env", Map.of("GREETING", "hi there")));

        assertThat(run(settings, job).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(job.output()).isEqualTo("hi there/f/home=/" + ShellSettings.DEFAULT_PATH + "\n");
    }

    @Test
    void jobEnvironmentOutsideTheAllowListIsRefused() {
        ShellSettings settings = sh("true").passEnv("GREETING").build();

        ExecutionResult result = run(settings, job(List.of(), Map.of("env", Map.of("LD_PRELOAD", "/tmp/evil.so"))));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("kwargs.env", "'LD_PRELOAD' is not in this task's passEnv allow-list");
    }

    @Test
    void executableThatCannotBeStartedIsAnInfrastructureError() {
        ShellSettings settings = ShellSettings.builder().allow("/nonexistent/tool").command("/nonexistent/tool")
                .build();

        ExecutionResult result = run(settings, job(List.of(), Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.error()).contains("could not start /nonexistent/tool");
    }

    @Test
    void longOutputIsCutAndFlagged() {
        ShellSettings settings = sh("head -c 5000 /dev/zero | tr '\\000' x").maxOutputChars(10).build();
        RecordingJobContext job = job(List.of(), Map.of());

        assertThat(run(settings, job).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(job.output()).isEqualTo("xxxxxxxxxx\n[output truncated: kept 10 of 5000 chars]");
    }

    @Test
    void runPastTheTimeoutIsKilledAsTimedOut() {
        ShellSettings settings = ShellSettings.builder().allow("sleep").command("sleep", "300")
                .timeout(Duration.ofMillis(300)).build();

        ExecutionResult result = run(settings, job(List.of(), Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(result.error()).contains("ran past its PT0.3S timeout", "process tree killed");
    }

    @Test
    void engineTimeoutStopsTheRunAsTimedOut() {
        RecordingJobContext job = job(List.of(), Map.of());
        ShellSettings settings = sh("echo started; sleep 300").build();
        CompletableFuture<ExecutionResult> result = CompletableFuture.supplyAsync(() -> run(settings, job), runner);
        await().atMost(Duration.ofSeconds(30)).until(() -> job.output().contains("started"));

        job.requestStop(false);

        assertThat(result.join().outcome()).isEqualTo(Outcome.TIMED_OUT);
    }
}
