package io.hourglass.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Celery worker (Debian's python3-celery under /usr/bin/python3) started by the harness on one queue, the way the
 * hourglass-celery tests start theirs: solo pool, one process, no gossip/mingle/heartbeat, queue purged at start.
 * The app ({@code hourglass_bench_app.py}) ships in the bench jar and is copied to a temp folder; the worker's log and
 * the stamp file (one line per task it started) live there too. Closing kills the worker and its children.
 */
final class CeleryWorkerProcess implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private static final String APP = "hourglass_bench_app";

    private final Process process;
    private final Path log;
    private final Path stampFile;

    private CeleryWorkerProcess(Process process, Path log, Path stampFile) {
        this.process = process;
        this.log = log;
        this.stampFile = stampFile;
    }

    /** Starts the worker and waits (up to 60 s) until it says it is ready; fails with its log otherwise. */
    static CeleryWorkerProcess start(String brokerUrl, String resultBackendUrl, String queue) throws IOException {
        requireReachable(brokerUrl);
        requireReachable(resultBackendUrl);
        Path dir = Files.createTempDirectory("hourglass-bench-celery-");
        try (InputStream app = CeleryWorkerProcess.class.getResourceAsStream("/" + APP + ".py")) {
            if (app == null) {
                throw new IllegalStateException("bug: " + APP + ".py is missing from the bench jar");
            }
            Files.copy(app, dir.resolve(APP + ".py"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = dir.resolve("worker.log");
        Path stampFile = dir.resolve("stamps.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of(PYTHON, "-m", "celery", "-A", APP, "worker", "-Q", queue,
                "--pool=solo", "-c", "1", "--without-gossip", "--without-mingle", "--without-heartbeat", "--purge",
                "-l", "warning", "-n", queue + "@%h"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PYTHONPATH", dir.toString());
        builder.environment().put("CELERY_BROKER_URL", brokerUrl);
        builder.environment().put("CELERY_RESULT_BACKEND", resultBackendUrl);
        builder.environment().put("HOURGLASS_STAMP_FILE", stampFile.toString());
        CeleryWorkerProcess worker = new CeleryWorkerProcess(builder.start(), log, stampFile);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!worker.log().contains("hourglass bench worker ready")) {
            if (!worker.process.isAlive() || System.nanoTime() > deadline) {
                worker.close();
                throw new IllegalStateException("celery worker on queue " + queue + " did not get ready ("
                        + (worker.process.isAlive() ? "60 s passed" : "it exited") + "); log " + log + ":\n"
                        + worker.log() + "\nIs python3-celery installed? See .ci/setup-celery.sh");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        return worker;
    }

    private static void requireReachable(String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + uri.getHost() + ":" + uri.getPort() + " for "
                    + uri.getScheme() + " (" + e.getMessage() + "); run .ci/setup-celery.sh", e);
        }
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tasks the worker started so far, each as {@code [due micros, start micros]}. */
    List<long[]> stamps() {
        try {
            if (!Files.exists(stampFile)) {
                return List.of();
            }
            return Files.readAllLines(stampFile).stream()
                    .map(line -> line.split(" "))
                    .filter(parts -> parts.length == 2 && !parts[1].isEmpty())
                    .map(parts -> new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])})
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many tasks the worker started so far (counts complete lines only). */
    long started() {
        try {
            if (!Files.exists(stampFile)) {
                return 0;
            }
            byte[] bytes = Files.readAllBytes(stampFile);
            long lines = 0;
            for (byte b : bytes) {
                if (b == '\n') {
                    lines++;
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the worker and everything it started. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
