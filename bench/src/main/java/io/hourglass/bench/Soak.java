package io.hourglass.bench;

import io.hourglass.server.HourglassServer;
import io.hourglass.server.config.EnvironmentSecrets;
import io.hourglass.server.config.ServerConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A soak through the real server: its REST API enqueues {@code --rate} jobs a second (each due 2 s later) for
 * {@code --minutes}, of a task defined at runtime with the webhook executor, calling a receiver in this JVM that
 * records arrival minus due. History retention is the server's default (30 days, the purge running every round).
 * Every {@code --window} seconds (default 60) it prints one line: the window's start latency p99, heap after a full
 * GC, the JVM's resident set size, jobs enqueued and run, refused enqueues. At the end it compares the first
 * {@code --compare} windows (default 5) after the first {@code --settle} (default 0) with the last as many: heap
 * after GC, RSS (each the mean of the windows' figures) and p99 (over all samples of those windows); a soak passes
 * when the last are within 10% of the first. The server, receiver and clients share this JVM, so heap and RSS are
 * an upper bound of the server's. RSS compares across windows only when the heap cannot resize: with a heap free
 * to grow and shrink, G1 kept it at about 280 MB resident for some windows and 420 MB for others, in turns, as its
 * sizing chose, and no reading rule makes that steady. Run the soak with a fixed, pre-touched heap
 * ({@code HOURGLASS_BENCH_JVM='-Xms512m -Xmx512m -XX:+AlwaysPreTouch' bench/run soak ...}); RSS then grows only
 * with what lives outside the heap (threads, metaspace, code, buffers, the allocator), and heap after GC watches
 * the heap. The soak says so when the heap can resize. The enqueues go out from {@value #IN_FLIGHT} sender threads
 * with the JDK client's blocking {@code send}: its {@code sendAsync} starts a thread per request on a machine with
 * two CPUs or fewer, and the soak would measure that.
 */
final class Soak {
    private static final Duration LEAD = Duration.ofSeconds(2);
    private static final int IN_FLIGHT = 64;

    private final Options options;

    Soak(Options options) {
        this.options = options;
    }

    private record Window(int index, double p99Ms, long heapAfterGcMb, long rssMb, Histogram micros) {
        Window withoutSamples() {
            return new Window(index, p99Ms, heapAfterGcMb, rssMb, null);
        }
    }

    Map<String, Object> run() throws Exception {
        int minutes = options.integer("minutes", 60);
        int rate = options.integer("rate", 1000);
        int windowSeconds = options.integer("window", 60);
        int compare = options.integer("compare", 5);
        int settle = options.integer("settle", 0);
        int port = options.integer("port", 18300);
        String url = BenchDatabase.freshPostgresSchema(options.string("url", BenchDatabase.DEFAULT_PG_URL));
        Clock clock = Clock.systemUTC();
        ServerConfig config = ServerConfig.forTests(Files.createTempDirectory("hourglass-bench-soak-"))
                .withPort(port).withDatabase(url, "postgres", null);
        List<Window> windows = new ArrayList<>();
        LongAdder refused = new LongAdder();
        LongAdder enqueued = new LongAdder();
        double achieved;
        try (WebhookReceiver receiver = new WebhookReceiver(clock, 4);
             HourglassServer server = HourglassServer.start(config, clock, EnvironmentSecrets.from(Map.of()))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String hook = receiver.url("due={{kwargs.due}}");
            HttpResponse<String> defined = http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/v1/tasks/soak")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"executor\": \"webhook\", \"settings\": {\"url\": \""
                            + hook + "\"}}")).build(), HttpResponse.BodyHandlers.ofString());
            if (defined.statusCode() / 100 != 2) {
                throw new IllegalStateException("defining the soak task answered " + defined.statusCode() + ": "
                        + defined.body());
            }
            System.out.printf("soak through %s: %d jobs/s for %d min, a line every %d s%n", server.url(), rate,
                    minutes, windowSeconds);
            warnIfTheHeapCanResize();
            System.out.println("window  p99_ms  heap_after_gc_mb  rss_mb  enqueued   ran  refused  load");
            Semaphore inFlight = new Semaphore(IN_FLIGHT);
            ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT, r -> {
                Thread t = new Thread(r, "bench-sender");
                t.setDaemon(true);
                return t;
            });
            long began = System.nanoTime();
            long end = began + TimeUnit.MINUTES.toNanos(minutes);
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long nextWindow = began + TimeUnit.SECONDS.toNanos(windowSeconds);
            receiver.lateness(); // start the first window's histogram now
            for (long i = 0; ; i++) {
                long at = began + i * interval;
                if (at >= end || System.nanoTime() >= end) { // a box that cannot keep the rate still stops on time
                    break;
                }
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (System.nanoTime() >= nextWindow) {
                    add(windows, window(windows.size() + 1, receiver, enqueued.sum(), refused.sum()), settle, compare);
                    nextWindow += TimeUnit.SECONDS.toNanos(windowSeconds);
                }
                java.time.Instant due = clock.instant().plus(LEAD);
                inFlight.acquire();
                HttpRequest enqueue = HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/jobs"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"task\": \"soak\", \"at\": \"" + due
                                + "\", \"kwargs\": {\"due\": " + ExecutorRuns.epochMicros(due) + "}}")).build();
                senders.execute(() -> {
                    try {
                        int status = http.send(enqueue, HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 201 ? enqueued : refused).increment();
                    } catch (IOException | InterruptedException e) {
                        refused.increment();
                    } finally {
                        inFlight.release();
                    }
                });
            }
            senders.shutdown();
            add(windows, window(windows.size() + 1, receiver, enqueued.sum(), refused.sum()), settle, compare);
            achieved = enqueued.sum() / ExecutorRuns.seconds(System.nanoTime() - began);
        }
        System.out.printf(Locale.ROOT, "enqueued %.0f jobs/s of the %d asked for%n", achieved, rate);
        return summary(windows, settle, compare, rate, minutes, windowSeconds, enqueued.sum(), refused.sum());
    }

    /**
     * Keeps the samples of the first {@code compare} windows after the {@code settle} ones and of the latest
     * {@code compare}, the ones compared at the end: holding every window's histogram (about 130 KB each) grew the
     * very heap the soak watches, by 5 MB an hour. Settling windows (the JIT's warm-up) are printed, not compared.
     */
    private static void add(List<Window> windows, Window window, int settle, int compare) {
        windows.add(window);
        int newest = windows.size() - 1;
        if (newest < settle) {
            windows.set(newest, window.withoutSamples());
            return;
        }
        int stale = newest - compare;
        if (stale >= settle + compare) {
            windows.set(stale, windows.get(stale).withoutSamples());
        }
    }

    private static void warnIfTheHeapCanResize() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        if (heap.getInit() != heap.getMax()) {
            System.out.printf("WARNING: the heap can resize (initial %d MB, max %d MB), so RSS follows the"
                            + " collector's sizing, not the soak; for comparable RSS run with"
                            + " HOURGLASS_BENCH_JVM='-Xms512m -Xmx512m -XX:+AlwaysPreTouch'%n",
                    heap.getInit() >> 20, heap.getMax() >> 20);
        }
    }

    private static Window window(int index, WebhookReceiver receiver, long enqueued, long refused) {
        Histogram h = receiver.lateness();
        long heap = ProcessMemory.heapAfterGcMegabytes();
        long rss = ProcessMemory.rssMegabytes();
        double p99 = ExecutorRuns.millis(h.getValueAtPercentile(99));
        System.out.printf(Locale.ROOT, "%6d %7.1f %17d %7d %9d %5d %8d  %.2f%n", index, p99, heap, rss, enqueued,
                receiver.requests(), refused, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return new Window(index, p99, heap, rss, h);
    }

    private static Map<String, Object> summary(List<Window> windows, int settle, int compare, int rate,
                                               int minutes, int windowSeconds, long enqueued, long refused) {
        List<Window> compared = windows.subList(Math.min(settle, windows.size()), windows.size());
        int k = Math.min(compare, compared.size());
        List<Window> first = compared.subList(0, k);
        List<Window> last = compared.subList(compared.size() - k, compared.size());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("workload", "soak");
        result.put("rate_per_s", rate);
        result.put("minutes", minutes);
        result.put("window_seconds", windowSeconds);
        result.put("enqueued", enqueued);
        result.put("refused", refused);
        result.put("windows", windows.size());
        result.put("settle_windows", settle);
        Map<String, Object> firstFigures = figures(first);
        Map<String, Object> lastFigures = figures(last);
        result.put("first", firstFigures);
        result.put("last", lastFigures);
        System.out.printf("first %d windows: %s%nlast %d windows:  %s%n", k, firstFigures, k, lastFigures);
        for (String key : List.of("heap_after_gc_mb", "rss_mb", "p99_ms")) {
            double a = ((Number) firstFigures.get(key)).doubleValue();
            double b = ((Number) lastFigures.get(key)).doubleValue();
            String verdict = b <= a * 1.1 ? "within 10%"
                    : "GREW " + Math.round(100 * (b - a) / Math.max(a, 1e-9)) + "%";
            result.put(key + "_last_vs_first", verdict);
            System.out.printf("  %-17s first %10.1f  last %10.1f  %s%n", key, a, b, verdict);
        }
        return result;
    }

    private static Map<String, Object> figures(List<Window> windows) {
        Histogram all = new Histogram(3);
        windows.forEach(w -> all.add(w.micros()));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("heap_after_gc_mb", windows.stream().mapToLong(Window::heapAfterGcMb).average().orElse(0));
        f.put("rss_mb", windows.stream().mapToLong(Window::rssMb).average().orElse(0));
        f.put("p99_ms", ExecutorRuns.millis(all.getValueAtPercentile(99)));
        return f;
    }
}
