package io.hourglass.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Celery worker (Debian's python3-celery) as a subprocess of a test: one Celery app module, one queue, the
 * solo pool, and no gossip, mingle or heartbeat so that it is ready within seconds and consumes nothing but its
 * queue. Its log goes to a file the test can read; the environment variable {@value #RECORD_FILE_ENV} names a
 * JSON-lines file in the same temporary directory, where the test apps record what their tasks received.
 *
 * <pre>{@code
 * CeleryWorkerProcess.requireCelery();
 * try (CeleryWorkerProcess worker = CeleryWorkerProcess.start(Path.of("src/test/python"), "my_app",
 *         CeleryWorkerProcess.REDIS_BROKER, CeleryWorkerProcess.RESULT_BACKEND, "my-test-queue")) {
 *     ... await().until(() -> worker.recorded().size() == 3);
 * }
 * }</pre>
 */
public final class CeleryWorkerProcess implements AutoCloseable {
    public static final String PYTHON = "/usr/bin/python3";
    public static final String REDIS_BROKER = "redis://127.0.0.1:6379/0";
    public static final String AMQP_BROKER = "amqp://guest:guest@127.0.0.1:5672//";
    public static final String RESULT_BACKEND = "redis://127.0.0.1:6379/1";
    /** The environment variable naming the file the worker's tasks record their arguments to. */
    public static final String RECORD_FILE_ENV = "HOURGLASS_RECORD_FILE";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final Path recordFile;

    private CeleryWorkerProcess(Process process, Path log, Path recordFile) {
        this.process = process;
        this.log = log;
        this.recordFile = recordFile;
    }

    /**
     * Skips or fails the calling test (per {@link Requirements}, part {@code celery}) unless {@value #PYTHON} can
     * import Celery and both brokers, Redis on 127.0.0.1:6379 and RabbitMQ on 127.0.0.1:5672, answer.
     */
    public static void requireCelery() {
        boolean python = pythonHasCelery();
        boolean redis = answers(6379);
        boolean rabbit = answers(5672);
        Requirements.require("celery", python && redis && rabbit,
                "tried '" + PYTHON + " -c \"import celery, redis, kombu\"' (" + (python ? "ok" : "failed")
                        + "), Redis 127.0.0.1:6379 (" + (redis ? "up" : "down") + "), RabbitMQ 127.0.0.1:5672 ("
                        + (rabbit ? "up" : "down") + "); run .ci/setup-celery.sh");
    }

    /**
     * Starts {@code celery -A appModule worker -Q queue} and returns once the worker logged that it is ready.
     * {@code --purge} drops messages left in the queue by an earlier run. The app reads its broker and result
     * backend from {@code CELERY_BROKER_URL} and {@code CELERY_RESULT_BACKEND}, which this sets.
     *
     * @param pythonPath the directory holding the app module, relative to the module under test or absolute
     */
    public static CeleryWorkerProcess start(Path pythonPath, String appModule, String brokerUrl,
                                            String resultBackendUrl, String queue) throws IOException {
        Path dir = Files.createTempDirectory("hourglass-celery-" + queue);
        Path log = dir.resolve("worker.log");
        Path recordFile = dir.resolve("record.jsonl");
        ProcessBuilder builder = new ProcessBuilder(List.of(PYTHON, "-m", "celery", "-A", appModule,
                "worker", "-Q", queue, "--pool=solo", "-c", "1", "--without-gossip", "--without-mingle",
                "--without-heartbeat", "--purge", "-l", "info", "-n", queue + "@%h"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PYTHONPATH", pythonPath.toAbsolutePath().toString());
        builder.environment().put("CELERY_BROKER_URL", brokerUrl);
        builder.environment().put("CELERY_RESULT_BACKEND", resultBackendUrl);
        builder.environment().put(RECORD_FILE_ENV, recordFile.toString());
        CeleryWorkerProcess worker = new CeleryWorkerProcess(builder.start(), log, recordFile);
        try {
            await("celery worker for " + appModule + " on queue " + queue + " ready").atMost(READY_TIMEOUT)
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

    /** The worker's output so far. */
    public String log() {
        return Files.exists(log) ? read(() -> Files.readString(log, StandardCharsets.UTF_8)) : "";
    }

    /** The file named by {@value #RECORD_FILE_ENV}. */
    public Path recordFile() {
        return recordFile;
    }

    /** The lines recorded so far, oldest first. */
    public List<String> recorded() {
        return Files.exists(recordFile)
                ? read(() -> Files.readAllLines(recordFile, StandardCharsets.UTF_8))
                : List.of();
    }

    /** Kills the worker and every process it started. */
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

    /** Whether something accepts TCP connections on this port of 127.0.0.1. */
    public static boolean answers(int port) {
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

    private interface FileRead<T> {
        T read() throws IOException;
    }

    private static <T> T read(FileRead<T> read) {
        try {
            return read.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
