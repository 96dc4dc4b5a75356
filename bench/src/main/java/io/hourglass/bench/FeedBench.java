package io.hourglass.bench;

import com.sun.net.httpserver.HttpServer;
import io.hourglass.Hourglass;
import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedPoll;
import io.hourglass.http.HttpFeedReader;
import io.hourglass.queue.QueueConfig;
import io.hourglass.task.Task;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A feed of N items (default 100,000) polled into jobs: a local HTTP server in the same JVM serves one JSON array of
 * accounts, a node polls it once (every item a new job: fetch, parse, map, one bulk enqueue with dedup keys) and
 * then again (every item a duplicate of a pending job). The figures are items/s over the poll record's start to
 * end, and the peak heap sampled during the run. The created jobs' queue is paused, so nothing else runs.
 */
final class FeedBench {
    private final Options options;

    FeedBench(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        int items = options.integer("jobs", 100_000);
        byte[] document = document(items);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/account/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, document.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(document);
            }
        });
        server.start();
        try (BenchDatabase db = BenchDatabase.open(options, 10); HeapSampler heap = new HeapSampler()) {
            Hourglass hourglass = Hourglass.builder().store(db.store()).clock(Clock.systemUTC()).workerThreads(2)
                    .feedReader(new HttpFeedReader()).task(Task.of("scrape", job -> { })).build();
            hourglass.configureQueue(QueueConfig.unlimited("bench-scrape").withPaused(true));
            hourglass.start();
            hourglass.feeds().define(new Feed("bench", "http://127.0.0.1:" + server.getAddress().getPort()
                    + "/account/", "1d", null, null, null, null, "scrape", null, null, null, "account:${/id}",
                    "bench-scrape", null, "10m", 256L * 1024 * 1024, null, null));
            FeedPoll first = poll(hourglass);
            FeedPoll second = poll(hourglass);
            hourglass.stop(Duration.ofSeconds(10));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workload", "feed");
            result.put("database", db.description());
            result.put("items", items);
            result.put("document_mb", ExecutorRuns.round2(document.length / 1048576.0));
            put(result, "new", first);
            put(result, "duplicate", second);
            result.put("peak_heap_mb", heap.peakMegabytes());
            System.out.printf("feed of %,d items (%.1f MB) on %s%n", items, document.length / 1048576.0,
                    db.description());
            System.out.printf("  poll creating every job: %,d created in %d ms, %,d items/s%n", first.jobsCreated(),
                    first.duration().toMillis(), perSecond(items, first));
            System.out.printf("  poll of duplicates:      %,d skipped in %d ms, %,d items/s; peak heap %d MB%n",
                    second.duplicates(), second.duration().toMillis(), perSecond(items, second), heap.peakMegabytes());
            return result;
        } finally {
            server.stop(0);
        }
    }

    private static FeedPoll poll(Hourglass hourglass) {
        long job = hourglass.feeds().poll("bench").jobId();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (!hourglass.job(job).orElseThrow().state().isFinished()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("poll job " + job + " did not finish within 600 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        List<FeedPoll> polls = hourglass.feeds().polls("bench", 1);
        if (polls.isEmpty() || polls.get(0).status() != FeedPoll.Status.POLLED) {
            throw new IllegalStateException("poll job " + job + " recorded " + polls);
        }
        return polls.get(0);
    }

    private static void put(Map<String, Object> result, String name, FeedPoll poll) {
        result.put(name + "_created", poll.jobsCreated());
        result.put(name + "_duplicates", poll.duplicates());
        result.put(name + "_ms", poll.duration().toMillis());
        result.put(name + "_items_per_s", perSecond(poll.itemsSeen(), poll));
    }

    private static long perSecond(int items, FeedPoll poll) {
        return Math.round(items * 1000.0 / Math.max(1, poll.duration().toMillis()));
    }

    private static byte[] document(int items) {
        StringBuilder json = new StringBuilder(items * 96).append('[');
        for (int i = 0; i < items; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"utility\":\"")
                    .append(i % 2 == 0 ? "coned" : "ngrid").append("\",\"username\":\"user").append(i)
                    .append("@example.com\",\"last_scraped_at\":null}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
