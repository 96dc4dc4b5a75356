package io.hourglass.bench;

import io.hourglass.Hourglass;
import io.hourglass.celery.CeleryExecutor;
import io.hourglass.celery.CelerySettings;
import io.hourglass.job.JobRequest;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Celery jobs end to end: a task backed by {@link CeleryExecutor} publishes {@code stamp(due)} to a real Celery
 * worker that the harness starts ({@link CeleryWorkerProcess}, solo pool, one process) and kills at the end.
 *
 * <ul>
 *   <li>{@code --mode=burst} (default): N jobs due now enqueued with the engine stopped, then the engine started.
 *       Two figures: jobs/s until every Hourglass job is finished, and jobs/s until the worker has started every
 *       task. With {@code --results=fire} a job finishes once the broker confirmed the publish, so the two differ;
 *       with {@code --results=track} (default) a job finishes when its result is in the backend.</li>
 *   <li>{@code --mode=latency}: jobs due at now+2 s arriving at R/s for S seconds; the worker's task start time
 *       (Python {@code time.time()}, same host clock) minus due time, p50/p90/p99/max.</li>
 * </ul>
 * {@code --broker=redis} (default, {@code redis://127.0.0.1:6379/0}) or {@code amqp} (RabbitMQ at 127.0.0.1:5672);
 * results always go to Redis db 1. Jobs are not retried, so a failed publish shows up in the outcome counts.
 */
final class CeleryBench {
    private static final Duration LEAD = Duration.ofSeconds(2);
    private static final String QUEUE = "hourglass-bench";
    private static final String RESULT_BACKEND = "redis://127.0.0.1:6379/1";
    private final Options options;

    CeleryBench(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        String mode = options.string("mode", "burst");
        String results = options.string("results", "track");
        int workers = options.integer("workers", 8);
        String broker = brokerUrl(options.string("broker", "redis"));
        if (!results.equals("fire") && !results.equals("track")) {
            throw new IllegalArgumentException("--results must be fire or track, was '" + results + "'");
        }
        Clock clock = Clock.systemUTC();
        try (BenchDatabase db = BenchDatabase.open(options, workers + 6);
             HeapSampler heap = new HeapSampler();
             CeleryWorkerProcess worker = CeleryWorkerProcess.start(broker, RESULT_BACKEND, QUEUE);
             CeleryExecutor celery = CeleryExecutor.create(CelerySettings.builder().brokerUrl(broker)
                     .resultBackendUrl(RESULT_BACKEND).queue(QUEUE).celeryTask("stamp")
                     .fireAndForget(results.equals("fire")).build(), clock)) {
            ExecutorRuns.CountingExecutor counting = new ExecutorRuns.CountingExecutor(celery);
            Hourglass hourglass = Hourglass.builder()
                    .store(db.store())
                    .clock(clock)
                    .workerThreads(workers)
                    .task(Task.builder("stamp").executor(counting).retryPolicy(RetryPolicy.NONE)
                            .timeout(Duration.ofSeconds(60)).build())
                    .build();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workload", "celery");
            result.put("mode", mode);
            result.put("results", results);
            result.put("broker", CelerySettings.redact(broker));
            result.put("database", db.description());
            result.put("workers", workers);
            switch (mode) {
                case "burst" -> burst(hourglass, worker, counting, clock, result);
                case "latency" -> latency(hourglass, worker, clock, result);
                default -> throw new IllegalArgumentException("--mode must be burst or latency, was '" + mode + "'");
            }
            hourglass.stop(Duration.ofSeconds(10));
            result.put("outcomes", counting.summary());
            result.put("peak_heap_mb", heap.peakMegabytes());
            System.out.printf("  outcomes %s, worker started %,d tasks, peak heap %d MB%n", counting.summary(),
                    worker.started(), heap.peakMegabytes());
            return result;
        }
    }

    private static String brokerUrl(String broker) {
        return switch (broker) {
            case "redis" -> "redis://127.0.0.1:6379/0";
            case "amqp" -> "amqp://guest:guest@127.0.0.1:5672//";
            default -> throw new IllegalArgumentException("--broker must be redis or amqp, was '" + broker + "'");
        };
    }

    private void burst(Hourglass hourglass, CeleryWorkerProcess worker, ExecutorRuns.CountingExecutor counting,
                       Clock clock, Map<String, Object> result) {
        int jobs = options.integer("jobs", 5_000);
        long enqueuedMicros = ExecutorRuns.epochMicros(clock.instant());
        double enqueueSeconds = ExecutorRuns.enqueueInChunks(hourglass, jobs,
                i -> JobRequest.of("stamp").args(enqueuedMicros).build());
        long start = System.nanoTime();
        hourglass.start();
        boolean finished = ExecutorRuns.awaitFinished(hourglass, () -> counting.attempts() >= jobs, 600);
        double hourglassSeconds = ExecutorRuns.seconds(System.nanoTime() - start);
        boolean workerDone = awaitWorker(worker, jobs, 120);
        double workerSeconds = ExecutorRuns.seconds(System.nanoTime() - start);
        result.put("jobs", jobs);
        result.put("finished", finished && workerDone);
        result.put("enqueue_jobs_per_s", Math.round(jobs / enqueueSeconds));
        result.put("jobs_per_s", Math.round(jobs / hourglassSeconds));
        result.put("run_seconds", ExecutorRuns.round2(hourglassSeconds));
        result.put("worker_jobs_per_s", Math.round(jobs / workerSeconds));
        result.put("worker_seconds", ExecutorRuns.round2(workerSeconds));
        System.out.printf("celery burst (%s, results %s) on %s: %,d jobs, %s workers%n", result.get("broker"),
                result.get("results"), result.get("database"), jobs, result.get("workers"));
        System.out.printf("  bulk enqueue %,8d jobs/s; Hourglass jobs finished%s in %.2f s: %,d jobs/s;"
                        + " worker started all%s in %.2f s: %,d jobs/s%n", Math.round(jobs / enqueueSeconds),
                finished ? "" : " (NOT: gave up)", hourglassSeconds, Math.round(jobs / hourglassSeconds),
                workerDone ? "" : " (NOT: gave up)", workerSeconds, Math.round(jobs / workerSeconds));
    }

    private void latency(Hourglass hourglass, CeleryWorkerProcess worker, Clock clock, Map<String, Object> result) {
        int rate = options.integer("rate", 100);
        int seconds = options.integer("seconds", 20);
        int total = rate * seconds;
        hourglass.start();
        ExecutorRuns.enqueuePaced(hourglass, rate, seconds, LEAD, clock,
                due -> JobRequest.of("stamp").at(due).args(ExecutorRuns.epochMicros(due)).build());
        boolean finished = awaitWorker(worker, total, seconds + 60L);
        Histogram lateness = new Histogram(3);
        for (long[] stamp : worker.stamps()) {
            lateness.recordValue(Math.max(0, stamp[1] - stamp[0]));
        }
        result.put("rate_per_s", rate);
        result.put("seconds", seconds);
        result.put("jobs", total);
        result.put("finished", finished);
        ExecutorRuns.putLatency(result, lateness);
        System.out.printf("celery latency (%s, results %s) on %s: %d jobs/s for %d s (%,d jobs)%n",
                result.get("broker"), result.get("results"), result.get("database"), rate, seconds, total);
        System.out.printf("  worker task start - due: %s%n", ExecutorRuns.latencyLine(lateness));
    }

    private static boolean awaitWorker(CeleryWorkerProcess worker, int tasks, long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (worker.started() < tasks) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // each look reads the stamp file
        }
        return true;
    }
}
