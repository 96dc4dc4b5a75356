package io.hourglass.bench;

import io.hourglass.Hourglass;
import io.hourglass.http.WebhookExecutor;
import io.hourglass.http.WebhookSettings;
import io.hourglass.job.JobRequest;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Webhook jobs end to end: a task backed by {@link WebhookExecutor} calls a local receiver ({@link WebhookReceiver})
 * in the same JVM, so the figure is the engine, the store and one HTTP/1.1 exchange per job on loopback.
 *
 * <ul>
 *   <li>{@code --mode=burst} (default): N jobs due now enqueued with the engine stopped, then the engine started;
 *       jobs/s until every job is finished.</li>
 *   <li>{@code --mode=latency}: jobs due at now+2 s arriving at R/s for S seconds; request arrival at the receiver
 *       minus due time, p50/p90/p99/max.</li>
 * </ul>
 * Jobs are not retried ({@link RetryPolicy#NONE}), so a failed call shows up in the outcome counts, not as a slow run.
 */
final class WebhookBench {
    private static final Duration LEAD = Duration.ofSeconds(2);
    private static final int RECEIVER_THREADS = 4;
    private final Options options;

    WebhookBench(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        String mode = options.string("mode", "burst");
        int workers = options.integer("workers", 8);
        Clock clock = Clock.systemUTC();
        try (BenchDatabase db = BenchDatabase.open(options, workers + 6);
             HeapSampler heap = new HeapSampler();
             WebhookReceiver receiver = new WebhookReceiver(clock, RECEIVER_THREADS)) {
            String query = mode.equals("latency") ? "due={{kwargs.due}}" : "";
            WebhookExecutor webhook = new WebhookExecutor(WebhookSettings.builder(receiver.url(query))
                    .timeout(Duration.ofSeconds(30)).build(), clock);
            ExecutorRuns.CountingExecutor counting = new ExecutorRuns.CountingExecutor(webhook);
            Hourglass hourglass = Hourglass.builder()
                    .store(db.store())
                    .clock(clock)
                    .workerThreads(workers)
                    .task(Task.builder("webhook").executor(counting).retryPolicy(RetryPolicy.NONE).build())
                    .build();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workload", "webhook");
            result.put("mode", mode);
            result.put("database", db.description());
            result.put("workers", workers);
            switch (mode) {
                case "burst" -> burst(hourglass, receiver, counting, result);
                case "latency" -> latency(hourglass, receiver, counting, clock, result);
                default -> throw new IllegalArgumentException("--mode must be burst or latency, was '" + mode + "'");
            }
            hourglass.stop(Duration.ofSeconds(10));
            result.put("outcomes", counting.summary());
            result.put("peak_heap_mb", heap.peakMegabytes());
            System.out.printf("  outcomes %s, receiver saw %,d requests, peak heap %d MB%n", counting.summary(),
                    receiver.requests(), heap.peakMegabytes());
            return result;
        }
    }

    private void burst(Hourglass hourglass, WebhookReceiver receiver, ExecutorRuns.CountingExecutor counting,
                       Map<String, Object> result) {
        int jobs = options.integer("jobs", 20_000);
        double enqueueSeconds = ExecutorRuns.enqueueInChunks(hourglass, jobs,
                i -> JobRequest.of("webhook").args(i).build());
        long start = System.nanoTime();
        hourglass.start();
        boolean finished = ExecutorRuns.awaitFinished(hourglass,
                () -> counting.attempts() >= jobs, 600);
        double runSeconds = ExecutorRuns.seconds(System.nanoTime() - start);
        result.put("jobs", jobs);
        result.put("finished", finished);
        result.put("enqueue_jobs_per_s", Math.round(jobs / enqueueSeconds));
        result.put("jobs_per_s", Math.round(jobs / runSeconds));
        result.put("run_seconds", ExecutorRuns.round2(runSeconds));
        System.out.printf("webhook burst on %s: %,d jobs, %s workers%n", result.get("database"), jobs,
                result.get("workers"));
        System.out.printf("  bulk enqueue %,8d jobs/s; all finished%s in %.2f s: %,d jobs/s%n",
                Math.round(jobs / enqueueSeconds), finished ? "" : " (NOT: gave up)", runSeconds,
                Math.round(jobs / runSeconds));
    }

    private void latency(Hourglass hourglass, WebhookReceiver receiver, ExecutorRuns.CountingExecutor counting,
                         Clock clock, Map<String, Object> result) {
        int rate = options.integer("rate", 100);
        int seconds = options.integer("seconds", 20);
        int total = rate * seconds;
        hourglass.start();
        ExecutorRuns.enqueuePaced(hourglass, rate, seconds, LEAD, clock, due -> JobRequest.of("webhook")
                .at(due).kwargs(Map.of("due", ExecutorRuns.epochMicros(due))).build());
        boolean finished = ExecutorRuns.awaitFinished(hourglass, () -> receiver.requests() >= total, seconds + 60L);
        Histogram lateness = receiver.lateness();
        result.put("rate_per_s", rate);
        result.put("seconds", seconds);
        result.put("jobs", total);
        result.put("finished", finished);
        ExecutorRuns.putLatency(result, lateness);
        System.out.printf("webhook latency on %s: %d jobs/s for %d s (%,d jobs)%n", result.get("database"), rate,
                seconds, total);
        System.out.printf("  request arrival - due: %s%n", ExecutorRuns.latencyLine(lateness));
    }
}
