package io.hourglass.celery;

import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures, against a real worker on each broker, the publish-to-result latency of sequential {@code add} jobs
 * and the publish rate of fire-and-forget jobs (broker-confirmed). A measurement, not a test: run it by hand from
 * the module folder, never in CI:
 * <pre>
 * ../mvnw -q -B dependency:build-classpath -Dmdep.outputFile=/tmp/celery-cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat /tmp/celery-cp.txt) io.hourglass.celery.CeleryLatencyProbe 200 2000
 * </pre>
 */
public final class CeleryLatencyProbe {
    private CeleryLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int fireAndForgetJobs = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        for (String broker : List.of(CeleryWorker.REDIS_BROKER, CeleryWorker.AMQP_BROKER)) {
            String queue = "hourglass-probe-" + (broker.startsWith("redis") ? "redis" : "amqp");
            try (CeleryWorker worker = CeleryWorker.start(broker, queue)) {
                CelerySettings.Builder settings = CelerySettings.builder().brokerUrl(broker)
                        .resultBackendUrl(CeleryWorker.RESULT_BACKEND).queue(queue);
                try (CeleryExecutor executor = CeleryExecutor.create(settings.build())) {
                    measureLatency(broker, executor, 20);
                    long[] micros = measureLatency(broker, executor, jobs);
                    Arrays.sort(micros);
                    System.out.printf(Locale.ROOT, "%s: %d add jobs, publish->result p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                            CelerySettings.redact(broker), jobs, percentile(micros, 0.50) / 1000.0,
                            percentile(micros, 0.99) / 1000.0, micros[micros.length - 1] / 1000.0);
                }
                try (CeleryExecutor fireAndForget = CeleryExecutor.create(settings.fireAndForget(true).build())) {
                    long start = System.nanoTime();
                    for (int i = 0; i < fireAndForgetJobs; i++) {
                        require(fireAndForget.execute(TestJobContext.of("add", List.of(i, 1))));
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(Locale.ROOT, "%s: %d fire-and-forget jobs (one thread) in %.2f s = %.0f jobs/s%n",
                            CelerySettings.redact(broker), fireAndForgetJobs, seconds, fireAndForgetJobs / seconds);
                }
            }
        }
    }

    private static long[] measureLatency(String broker, CeleryExecutor executor, int jobs) throws Exception {
        long[] micros = new long[jobs];
        for (int i = 0; i < jobs; i++) {
            long start = System.nanoTime();
            require(executor.execute(TestJobContext.of("add", List.of(i, 1))));
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        return micros;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void require(ExecutionResult result) {
        if (result.outcome() != Outcome.SUCCEEDED) {
            throw new IllegalStateException("job did not succeed: " + result);
        }
    }
}
