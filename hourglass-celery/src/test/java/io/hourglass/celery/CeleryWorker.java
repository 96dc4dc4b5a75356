package io.hourglass.celery;

import static org.awaitility.Awaitility.await;

import io.hourglass.testing.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Celery worker (Debian's python3-celery) running the test app {@code src/test/python/hourglass_celery_app.py}
 * on one queue, as a subprocess of the test. Its log goes to a file the tests can read.
 */
final class CeleryWorker implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    static final String REDIS_BROKER = "redis://127.0.0.1:6379/0";
    static final String AMQP_BROKER = "amqp://guest:guest@127.0.0.1:5672//";
    static final String RESULT_BACKEND = "redis://127.0.0.1:6379/1";

    private final Process process;
    private final Path log;
    final Path recordFile;

    private CeleryWorker(Process process, Path log, Path recordFile) {
        this.process = process;
        this.log = log;
        this.recordFile = recordFile;
    }

    /** Skips or fails (per HOURGLASS_REQUIRE) unless Celery is installed and both brokers answer. */
    static void requireCelery() {
        boolean python = pythonHasCelery();
        boolean redis = answers(6379);
        boolean rabbit = answers(5672);
        Requirements.require("celery", python && redis && rabbit,
                "tried '" + PYTHON + " -c \"import celery, redis, kombu\"' (" + (python ? "ok" : "failed")
                        + "), Redis 127.0.0.1:6379 (" + (redis ? "up" : "down") + "), RabbitMQ 127.0.0.1:5672 ("
                        + (rabbit ? "up" : "down") + "); run .ci/setup-celery.sh");
    }

    static CeleryWorker start(String brokerUrl, String queue) throws IOException {
        Path dir = Files.createTempDirectory("hourglass-celery-" + queue);
        Path log = dir.resolve("worker.log");
        Path recordFile = dir.resolve("record.jsonl");
        ProcessBuilder builder = new ProcessBuilder(List.of(PYTHON, "-m", "celery", "-A", "hourglass_celery_app",
                "worker", "-Q", queue, "--pool=solo", "-c", "1", "--without-gossip", "--without-mingle",
                "--without-heartbeat", "--purge", "-l", "info", "-n", queue + "@%h"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PYTHONPATH", Paths.get("src/test/python").toAbsolutePath().toString());
        builder.environment().put("CELERY_BROKER_URL", brokerUrl);
        builder.environment().put("CELERY_RESULT_BACKEND", RESULT_BACKEND);
        builder.environment().put("HOURGLASS_RECORD_FILE", recordFile.toString());
        CeleryWorker worker = new CeleryWorker(builder.start(), log, recordFile);
        try {
            await("celery worker on queue " + queue + " ready").atMost(Duration.ofSeconds(60))
                    .until(() -> {
                        if (!worker.process.isAlive()) {
                            throw new IllegalStateException("celery worker exited: " + worker.log());
                        }
                        return worker.log().contains("ready.");
                    });
        } catch (RuntimeException e) {
            worker.close();
            throw e;
        }
        return worker;
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> recorded() {
        try {
            return Files.exists(recordFile) ? Files.readAllLines(recordFile) : List.of();
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

    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean pythonHasCelery() {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import celery, redis, kombu")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
