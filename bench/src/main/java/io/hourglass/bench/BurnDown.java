package io.hourglass.bench;

import io.hourglass.Hourglass;
import io.hourglass.HourglassBuilder;
import io.hourglass.job.JobRequest;
import io.hourglass.task.Task;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Burn-down: enqueue N no-op jobs in bulk with the engine stopped, then start it and time until every job's
 * completion (and attempt row) is written. Measures the claim/complete path, not the handler.
 */
final class BurnDown {
        private final Options options;

    BurnDown(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        int jobs = options.integer("jobs", 100_000);
        int workers = options.integer("workers", 8);
        LongAdder ran = new LongAdder();
        try (BenchDatabase db = BenchDatabase.open(options, workers + 6);
             HeapSampler heap = new HeapSampler()) {
            Hourglass hourglass = Hourglass.builder()
                    .store(db.store())
                    .workerThreads(workers)
                    .prefetch(options.integer("prefetch", HourglassBuilder.DEFAULT_PREFETCH))
                    .task(Task.of("noop", context -> ran.increment()))
                    .build();
            double enqueueSeconds = ExecutorRuns.enqueueInChunks(hourglass, jobs,
                    i -> JobRequest.of("noop").args(i).build());

            long runStart = System.nanoTime();
            hourglass.start();
            if (!ExecutorRuns.awaitFinished(hourglass, () -> ran.sum() >= jobs, 3600)) {
                throw new IllegalStateException("burn-down did not finish within an hour: " + ran.sum() + " of "
                        + jobs + " ran");
            }
            double runSeconds = ExecutorRuns.seconds(System.nanoTime() - runStart);
            hourglass.stop(java.time.Duration.ofSeconds(10));

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workload", "burndown");
            result.put("database", db.description());
            result.put("jobs", jobs);
            result.put("workers", workers);
            result.put("prefetch", options.integer("prefetch", HourglassBuilder.DEFAULT_PREFETCH));
            result.put("enqueue_jobs_per_s", Math.round(jobs / enqueueSeconds));
            result.put("burndown_jobs_per_s", Math.round(jobs / runSeconds));
            result.put("burndown_seconds", ExecutorRuns.round2(runSeconds));
            result.put("handler_runs", ran.sum());
            result.put("peak_heap_mb", heap.peakMegabytes());
            System.out.printf("burn-down on %s: %,d jobs, %d workers%n", db.description(), jobs, workers);
            System.out.printf("  bulk enqueue  %,10d jobs/s (%.2f s)%n", Math.round(jobs / enqueueSeconds), enqueueSeconds);
            System.out.printf("  burn-down     %,10d jobs/s (%.2f s), peak heap %d MB%n", Math.round(jobs / runSeconds),
                    runSeconds, heap.peakMegabytes());
            return result;
        }
    }
}
