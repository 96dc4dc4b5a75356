package io.hourglass.examples.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of an example's long-running scripts (a worker loop) as a real process for the length of a test: started as
 * the README starts it, its output kept in a file, stopped (and waited for) on close.
 */
public final class RunningScript implements AutoCloseable {
    private final Process process;
    private final Path log;

    private RunningScript(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} in {@code directory}. */
    public static RunningScript start(Path directory, List<String> command) {
        try {
            Path log = Files.createTempFile("example-script", ".log");
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new RunningScript(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the script printed so far (stdout and stderr). */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
