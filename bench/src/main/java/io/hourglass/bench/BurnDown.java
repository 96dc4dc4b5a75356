package io.hourglass.bench;

import io.hourglass.Hourglass;
import io.hourglass.HourglassBuilder;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.task.Task;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Burn-down: enqueue N no-op jobs in bulk with the engine stopped, then start it and time until every job's
 * completion (and attempt row) is written. Measures the claim/complete path, not the handler. Before the enqueue,
 * {@code --future=M} adds M jobs pending in the future and {@code --history=H} H finished jobs with their attempt
 * rows ({@link TableFill}, PostgreSQL), so the same drain runs beside a large backlog or history; the node runs in
 * this JVM, whose resident set size is reported. {@code --nodes=K} runs the drain on K node processes instead
 * ({@link BurnDownNodes}).
 *
 * <p>{@code --warmup=W} first drains W jobs on a node of its own in this JVM, untimed, then vacuums the tables
 * (PostgreSQL) and measures the drain on a second node as above: the JIT has then compiled the claim, run and
 * complete path, as in a node that has been up for a while. Without it the run measures a fresh JVM, where the
 * compiler threads took two thirds of the JVM's CPU over a 100,000-job run on two cores (docs/benchmarks.md).
 */
final class BurnDown {
    private final Options options;

    BurnDown(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        if (options.has("nodes")) {
            return new BurnDownNodes(options).run();
        }
        int jobs = options.integer("jobs", 100_000);
        int workers = options.integer("workers", 8);
        int future = options.integer("future", 0);
        int history = options.integer("history", 0);
        int jobMillis = options.integer("job-ms", 0);
        long jobNanos = TimeUnit.MILLISECONDS.toNanos(jobMillis);
        int warmup = options.integer("warmup", 0);
        LongAdder ran = new LongAdder();
        try (BenchDatabase db = BenchDatabase.open(options, workers + 6);
             HeapSampler heap = new HeapSampler()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workload", "burndown");
            result.put("database", db.description());
            if (warmup > 0) {
                double seconds = warmUp(db, workers, jobNanos, warmup);
                result.put("warmup_jobs", warmup);
                System.out.printf("warmed up: drained %,d jobs on a first node in %.1f s (not timed)%n", warmup,
                        seconds);
            }
            Hourglass hourglass = node(db, workers, jobNanos, ran);
            if (future > 0) {
                double seconds = TableFill.future(db, "noop", future);
                result.put("future_jobs", future);
                result.put("future_fill_seconds", ExecutorRuns.round2(seconds));
                System.out.printf("filled %,d jobs pending in the future in %.1f s%n", future, seconds);
            }
            if (history > 0) {
                double seconds = TableFill.history(db, "noop", history);
                result.put("history_attempts", history);
                result.put("history_fill_seconds", ExecutorRuns.round2(seconds));
                System.out.printf("filled %,d finished jobs with an attempt row each in %.1f s%n", history, seconds);
            }
            double enqueueSeconds = ExecutorRuns.enqueueInChunks(hourglass, jobs,
                    i -> JobRequest.of("noop").args(i).build());

            long runStart = System.nanoTime();
            hourglass.start();
            // "finished" is: every job of the run ran and none is still running (its completion not yet written).
            // Whether any is still scheduled is asked after the clock stops: right after a drain the statistics
            // still count the drained jobs as scheduled, and until the store's refresh that list walks the history
            // newest first (seconds beside ten million finished jobs), which is the read, not the drain
            if (!ExecutorRuns.awaitNone(hourglass, EnumSet.of(JobState.RUNNING), () -> ran.sum() >= jobs, 3600)) {
                throw new IllegalStateException("burn-down did not finish within an hour: " + ran.sum() + " of "
                        + jobs + " ran");
            }
            double runSeconds = ExecutorRuns.seconds(System.nanoTime() - runStart);
            if (future == 0 && !hourglass.jobs(JobQuery.all().withStates(Set.of(JobState.SCHEDULED)).withLimit(1))
                    .items().isEmpty()) {
                throw new IllegalStateException("bug: every job ran, yet one is still scheduled");
            }
            long rss = ProcessMemory.rssMegabytes();
            long peakRss = ProcessMemory.peakRssMegabytes();
            hourglass.stop(java.time.Duration.ofSeconds(10));

            result.put("jobs", jobs);
            result.put("workers", workers);
            result.put("job_ms", jobMillis);
            result.put("prefetch", options.integer("prefetch", HourglassBuilder.DEFAULT_PREFETCH));
            result.put("enqueue_jobs_per_s", Math.round(jobs / enqueueSeconds));
            result.put("burndown_jobs_per_s", Math.round(jobs / runSeconds));
            result.put("burndown_seconds", ExecutorRuns.round2(runSeconds));
            result.put("handler_runs", ran.sum());
            result.put("peak_heap_mb", heap.peakMegabytes());
            result.put("rss_mb", rss);
            result.put("peak_rss_mb", peakRss);
            System.out.printf("burn-down on %s: %,d jobs, %d workers%n", db.description(), jobs, workers);
            System.out.printf("  bulk enqueue  %,10d jobs/s (%.2f s)%n", Math.round(jobs / enqueueSeconds), enqueueSeconds);
            System.out.printf("  burn-down     %,10d jobs/s (%.2f s), peak heap %d MB, node RSS %d MB (peak %d MB)%n",
                    Math.round(jobs / runSeconds), runSeconds, heap.peakMegabytes(), rss, peakRss);
            return result;
        }
    }

    private Hourglass node(BenchDatabase db, int workers, long jobNanos, LongAdder ran) {
        return Hourglass.builder()
                .store(db.store())
                .workerThreads(workers)
                .prefetch(options.integer("prefetch", HourglassBuilder.DEFAULT_PREFETCH))
                .completionBatchSize(options.integer("completion-batch",
                        HourglassBuilder.DEFAULT_COMPLETION_BATCH_SIZE))
                .task(noopTask(jobNanos, ran))
                .build();
    }

    /** The burn-down's task: counts its runs and, with {@code --job-ms}, holds its thread that long first. */
    static Task noopTask(long jobNanos, LongAdder ran) {
        return Task.of("noop", context -> {
            if (jobNanos > 0) { // a job that waits on I/O (a call out) this long; its thread is taken
                LockSupport.parkNanos(jobNanos);
            }
            ran.increment();
        });
    }

    /** Drains {@code jobs} on a node of its own, stopped after; then vacuums. Returns the seconds it took. */
    private double warmUp(BenchDatabase db, int workers, long jobNanos, int jobs) throws Exception {
        long began = System.nanoTime();
        LongAdder ran = new LongAdder();
        Hourglass first = node(db, workers, jobNanos, ran);
        ExecutorRuns.enqueueInChunks(first, jobs, i -> JobRequest.of("noop").args(i).build());
        first.start();
        if (!ExecutorRuns.awaitNone(first, EnumSet.of(JobState.RUNNING), () -> ran.sum() >= jobs, 3600)) {
            throw new IllegalStateException("warm-up did not finish within an hour: " + ran.sum() + " of " + jobs);
        }
        first.stop(java.time.Duration.ofSeconds(10));
        if (db.isPostgres()) { // what autovacuum does between bursts on a server that has it on
            TableFill.settle(db);
        }
        return ExecutorRuns.seconds(System.nanoTime() - began);
    }
}
