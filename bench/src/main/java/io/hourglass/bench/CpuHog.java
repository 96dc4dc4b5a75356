package io.hourglass.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CPU hog beside the benchmark: {@code count} separate OS processes, each a shell spinning in an empty loop, so
 * the node competes for the cores as it would on a busy box (the scheduler sees other processes, not threads of
 * its own JVM). Started before the measured part, killed by {@link #close()}, each by its own process handle.
 */
final class CpuHog implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();

    CpuHog(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            processes.add(new ProcessBuilder("sh", "-c", "while :; do :; done")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
    }

    int count() {
        return processes.size();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("CPU hog process " + p.pid() + " did not end when killed");
            }
        }
    }
}
