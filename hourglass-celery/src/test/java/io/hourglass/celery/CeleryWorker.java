package io.hourglass.celery;

import io.hourglass.testsupport.CeleryWorkerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Celery worker (Debian's python3-celery) running the test app {@code src/test/python/hourglass_celery_app.py}
 * on one queue, as a subprocess of the test: {@link CeleryWorkerProcess} with this module's app.
 */
final class CeleryWorker implements AutoCloseable {
    static final String REDIS_BROKER = CeleryWorkerProcess.REDIS_BROKER;
    static final String AMQP_BROKER = CeleryWorkerProcess.AMQP_BROKER;
    static final String RESULT_BACKEND = CeleryWorkerProcess.RESULT_BACKEND;
    private static final Path TEST_APP_DIR = Path.of("src/test/python");
    private static final String TEST_APP = "hourglass_celery_app";

    private final CeleryWorkerProcess process;

    private CeleryWorker(CeleryWorkerProcess process) {
        this.process = process;
    }

    /** Skips or fails (per HOURGLASS_REQUIRE) unless Celery is installed and both brokers answer. */
    static void requireCelery() {
        CeleryWorkerProcess.requireCelery();
    }

    static CeleryWorker start(String brokerUrl, String queue) throws IOException {
        return new CeleryWorker(CeleryWorkerProcess.start(TEST_APP_DIR, TEST_APP, brokerUrl, RESULT_BACKEND, queue));
    }

    String log() {
        return process.log();
    }

    List<String> recorded() {
        return process.recorded();
    }

    /** Kills the worker and everything it started. */
    @Override
    public void close() {
        process.close();
    }

    static boolean answers(int port) {
        return CeleryWorkerProcess.answers(port);
    }
}
