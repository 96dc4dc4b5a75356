package io.hourglass.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that cannot start says why in one line and exits with 1, without a stack trace: run as the real
 * command in a process of its own, so everything it prints (log lines included) is seen.
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
            List<String> errors = r.output.lines().filter(l -> l.contains(String.valueOf(port))).toList();
            assertThat(errors).as(r.output).hasSize(1);
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result runServer(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HourglassCommand.class.getName(), "server"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("the server exits by itself: " + output).isTrue();
        return new Result(process.exitValue(), output);
    }
}
