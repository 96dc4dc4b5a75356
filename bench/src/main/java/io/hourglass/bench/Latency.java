package io.hourglass.bench;

import io.hourglass.Hourglass;
import io.hourglass.job.JobRequest;
import io.hourglass.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Start latency: jobs due 2 s after they are enqueued arrive at a steady rate; each handler records its start time
 * minus its due time. This is what a user feels as "on time": the wake-up timer, claim and hand-off, not polling.
 * {@code --hog=N} runs N busy-spinning processes ({@link CpuHog}) beside the node for the whole measurement;
 * {@code --future=M} first fills M jobs of the probe task pending in the future ({@link TableFill}, PostgreSQL),
 * so each claim runs beside that backlog.
 */
final class Latency {
    private static final Duration LEAD = Duration.ofSeconds(2);
    private final Options options;

    Latency(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        int rate = options.integer("rate", 200);
        int seconds = options.integer("seconds", 30);
        int workers = options.integer("workers", 8);
        int total = rate * seconds;
        Clock clock = Clock.systemUTC();
        Recorder recorder = new Recorder(3);
        LongAdder ran = new LongAdder();
        int hogs = options.integer("hog", 0);
        try (BenchDatabase db = BenchDatabase.open(options, workers + 6);
             HeapSampler heap = new HeapSampler();
             CpuHog hog = new CpuHog(hogs)) {
            Hourglass hourglass = Hourglass.builder()
                    .store(db.store())
                    .clock(clock)
                    .workerThreads(workers)
                    .task(Task.of("probe", context -> {
                        long micros = Duration.between(context.dueAt(), clock.instant()).toNanos() / 1000;
                        recorder.recordValue(Math.max(0, micros));
                        ran.increment();
                    }))
                    .build();
            int future = options.integer("future", 0);
            if (future > 0) {
                System.out.printf("filled %,d jobs pending in the future in %.1f s%n", future,
                        TableFill.future(db, "probe", future));
            }
            hourglass.start();
            ExecutorRuns.enqueuePaced(hourglass, rate, seconds, LEAD, clock, due -> JobRequest.of("probe").at(due).build());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30L);
            while (ran.sum() < total && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            hourglass.stop(Duration.ofSeconds(10));
            Histogram h = recorder.getIntervalHistogram();

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workload", "latency");
            result.put("database", db.description());
            result.put("rate_per_s", rate);
            result.put("seconds", seconds);
            result.put("jobs", total);
            result.put("cpu_hog_processes", hog.count());
            result.put("future_jobs", future);
            result.put("ran", ran.sum());
            ExecutorRuns.putLatency(result, h);
            result.put("peak_heap_mb", heap.peakMegabytes());
            System.out.printf("start latency on %s: %d jobs/s for %d s (%,d jobs, %,d ran), %d CPU hog processes%n",
                    db.description(), rate, seconds, total, ran.sum(), hog.count());
            System.out.printf("  start - due: %s; peak heap %d MB%n", ExecutorRuns.latencyLine(h), heap.peakMegabytes());
            return result;
        }
    }
}
