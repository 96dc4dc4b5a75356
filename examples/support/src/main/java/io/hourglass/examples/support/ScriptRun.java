package io.hourglass.examples.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of an example's scripts (a Python worker, a loader) as the README does, as a real process, and keeps
 * what it printed: the tests assert on the same lines a reader sees.
 *
 * @param exitCode the process's exit code
 * @param output   stdout and stderr, interleaved as printed
 */
public record ScriptRun(int exitCode, String output) {

    /** Runs {@code command} in {@code directory} and waits (at most two minutes) for it to end. */
    public static ScriptRun run(Path directory, List<String> command) {
        try {
            Path log = Files.createTempFile("example-script", ".log");
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not end within 2 minutes: "
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            ScriptRun run = new ScriptRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            Files.delete(log);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The printed lines. */
    public List<String> lines() {
        return output.lines().toList();
    }
}
