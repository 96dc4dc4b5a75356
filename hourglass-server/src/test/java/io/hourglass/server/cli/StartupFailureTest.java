package io.hourglass.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that cannot start says why in one line and exits with 1, without a stack trace: run as the real
 * command in a process of its own, with an environment of its own, so everything it prints (log lines included)
 * is seen.
 */
class StartupFailureTest {
    @TempDir
    Path dataDir;

    @Test
    void portInUseIsOneLineNamingThePortAndExitCode1WithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Result r = runServer("--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--data-dir", dataDir.toString());
            assertThat(r.exit).as(r.output).isEqualTo(HourglassCommand.EXIT_FAILURE);
            assertThat(r.output).contains("hourglass: cannot listen on 127.0.0.1:" + port);
            assertThat(r.output).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
            List<String> errors = r.output.lines().filter(l -> l.contains(String.valueOf(port)))
                    .filter(l -> !l.contains("settings: --port=")).toList(); // the start-up log of the settings
            assertThat(errors).as(r.output).hasSize(1);
        }
    }

    @Test
    void badEngineSettingInTheEnvironmentIsOneLineNamingTheVariable() throws Exception {
        Result r = runServer(Map.of("HOURGLASS_POLL_INTERVAL", "5ms"), "--data-dir", dataDir.toString(), "--port", "0");
        assertThat(r.exit).as(r.output).isEqualTo(HourglassCommand.EXIT_FAILURE);
        assertThat(r.output.strip()).isEqualTo("hourglass: setting --poll-interval / HOURGLASS_POLL_INTERVAL /"
                + " pollInterval must be at least 10ms, was '5ms' (from HOURGLASS_POLL_INTERVAL)");
    }

    @Test
    void theSettingsAreLoggedOnceAtStartWithTheirSourcesAndTheDatabasePasswordMasked() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Result r = runServer(Map.of("HOURGLASS_DATABASE_PASSWORD", "s3cret-pw", "HOURGLASS_MISFIRE_GRACE", "2m"),
                    "--port", String.valueOf(taken.getLocalPort()), "--data-dir", dataDir.toString());
            List<String> logged = r.output.lines().filter(l -> l.contains("settings: --port=")).toList();
            assertThat(logged).as(r.output).hasSize(1);
            assertThat(logged.get(0)).contains("--port=" + taken.getLocalPort() + " (option)")
                    .contains("--bind=127.0.0.1 (default)")
                    .contains("--misfire-grace=2m (HOURGLASS_MISFIRE_GRACE)")
                    .contains("--database-password=*** (HOURGLASS_DATABASE_PASSWORD)")
                    .contains("--heartbeat-interval unset");
            assertThat(r.output).doesNotContain("s3cret-pw");
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result runServer(String... args) throws IOException, InterruptedException {
        return runServer(Map.of(), args);
    }

    private static Result runServer(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HourglassCommand.class.getName(), "server"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("HOURGLASS_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("the server exits by itself: " + output).isTrue();
        return new Result(process.exitValue(), output);
    }
}
