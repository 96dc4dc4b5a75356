package io.hourglass.http;

import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.testing.RecordingJobContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures webhook calls per second: one executor called directly from N threads against a local server. Not a
 * test (figures are never asserted); run it by hand, see docs/executors.md for the command and the last result.
 *
 * <p>Arguments: calls (default 10000), threads (default 8), method (default POST).
 */
public final class WebhookThroughput {
    private WebhookThroughput() {
    }

    public static void main(String[] args) throws Exception {
        // The JDK's test server writes headers and body separately; without TCP_NODELAY, Nagle plus the client's
        // delayed ACK add ~40 ms to every response and the figure would measure that, not the executor.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        String method = args.length > 2 ? args[2] : "POST";
        try (TestServer server = new TestServer()) {
            WebhookExecutor executor = new WebhookExecutor(WebhookSettings.builder(server.url("/hook"))
                    .method(method).hmacSecret("a-long-shared-secret-for-benchmarks").build());
            round(executor, threads, Math.min(calls, 2_000));
            long failed = round(executor, threads, calls);
            server.received.clear();
            if (failed > 0) {
                System.out.println("WARNING: " + failed + " calls did not succeed");
            }
        }
    }

    /** Runs {@code calls} calls spread over {@code threads} threads; prints and returns the number not succeeded. */
    private static long round(WebhookExecutor executor, int threads, int calls) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger notSucceeded = new AtomicInteger();
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                r -> new Thread(r, "bench-caller-" + names.incrementAndGet()));
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < calls) {
                    ExecutionResult result = executor.execute(new RecordingJobContext(i, "bench", List.of(i),
                            Map.of("account", "acct-" + i), null));
                    if (result.outcome() != Outcome.SUCCEEDED) {
                        notSucceeded.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("%d calls, %d threads: %.2f s, %.0f calls/s, %d not succeeded%n",
                calls, threads, seconds, calls / seconds, notSucceeded.get());
        return notSucceeded.get();
    }
}
