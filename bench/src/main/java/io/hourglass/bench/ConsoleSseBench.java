package io.hourglass.bench;

import io.hourglass.job.JobRequest;
import io.hourglass.server.HourglassServer;
import io.hourglass.server.config.EnvironmentSecrets;
import io.hourglass.server.config.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of the console's live updates: a real server (open, on loopback) on PostgreSQL or H2, jobs arriving
 * at {@code --rate} per second (each one a change every console hears of), measured for {@code --seconds} first
 * with no console open, then with {@code --consoles} event streams open (two in five on the overview, two in five
 * on a job's page, one in five on a filtered jobs list), then again with them closed (the drift of the baseline). Reported: JVM CPU (the consoles' readers run in the same
 * JVM, so this is an upper bound on the server's share), CPU of the live ticker thread alone, heap after a GC,
 * database transactions per second (PostgreSQL's {@code pg_stat_database}), and events per second the consoles
 * received.
 */
final class ConsoleSseBench {
    private final Options options;

    ConsoleSseBench(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        int consoles = options.integer("consoles", 50);
        int rate = options.integer("rate", 20);
        int seconds = options.integer("seconds", 30);
        String db = options.string("db", "postgres");
        Path dir = Files.createTempDirectory("hourglass-bench-sse");
        ServerConfig config = ServerConfig.forTests(dir);
        String database = "hourglass_bench_live";
        if (db.equals("postgres")) {
            try (Connection c = DriverManager.getConnection(BenchDatabase.DEFAULT_PG_URL, "postgres", null);
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + database);
            }
            config = config.withDatabase("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", null);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("workload", "console-sse");
        result.put("db", db);
        result.put("consoles", consoles);
        result.put("jobsPerSecond", rate);
        result.put("seconds", seconds);
        try (HourglassServer server = HourglassServer.start(config, Clock.systemUTC(),
                EnvironmentSecrets.from(Map.of()))) {
            List<Long> watched = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                watched.add(enqueue(server, "sse-watched").jobId());
            }
            result.put("without", phase(server, db, database, rate, seconds, List.of()));
            AtomicLong events = new AtomicLong();
            List<InputStream> streams = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < consoles; i++) {
                paths.add(switch (i % 5) {
                    case 0, 1 -> "/console/live?view=overview";
                    case 2, 3 -> "/console/live?view=job&id=" + watched.get(i % watched.size()) + "&seen=scheduled.0.false";
                    default -> "/console/live?view=jobs&after=0&queue=sse-load";
                });
            }
            for (String path : paths) {
                streams.add(open(server.url(), path, events));
            }
            result.put("with", phase(server, db, database, rate, seconds, List.of(events)));
            streams.forEach(s -> {
                try {
                    s.close();
                } catch (Exception ignored) {
                    // the stream is going away anyway
                }
            });
            result.put("afterClosing", phase(server, db, database, rate, seconds, List.of()));
        }
        System.out.println("console-sse on " + db + ": " + result);
        return result;
    }

    private static io.hourglass.job.EnqueueResult enqueue(HourglassServer server, String queue) {
        return server.hourglass().enqueue(JobRequest.of("sse-no-node").queue(queue).allowUnknownTask(true).build());
    }

    /** Jobs arrive at the rate for the duration; CPU, heap, database transactions and events measured over it. */
    private Map<String, Object> phase(HourglassServer server, String db, String database, int rate, int seconds,
                                      List<AtomicLong> events) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(3000); // let streams connect and their first events pass
        long eventsBefore = events.isEmpty() ? 0 : events.get(0).get();
        long cpuBefore = os.getProcessCpuTime();
        long tickerBefore = tickerCpu(threads);
        long txBefore = transactions(db, database);
        long began = System.nanoTime();
        long sent = 0;
        while (System.nanoTime() - began < seconds * 1_000_000_000L) {
            long due = (long) ((System.nanoTime() - began) / 1e9 * rate);
            for (; sent < due; sent++) {
                enqueue(server, "sse-load");
            }
            Thread.sleep(5);
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jvmCpuPercentOfOneCore", round(100.0 * (os.getProcessCpuTime() - cpuBefore) / 1e9 / elapsed));
        out.put("tickerCpuPercentOfOneCore", round(100.0 * (tickerCpu(threads) - tickerBefore) / 1e9 / elapsed));
        out.put("dbTransactionsPerSecond", round((transactions(db, database) - txBefore) / elapsed));
        out.put("eventsPerSecond", events.isEmpty() ? 0 : round((events.get(0).get() - eventsBefore) / elapsed));
        System.gc();
        Runtime rt = Runtime.getRuntime();
        out.put("heapAfterGcMb", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        return out;
    }

    private static long tickerCpu(ThreadMXBean threads) {
        long total = 0;
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().equals("hourglass-console-live")) {
                total += threads.getThreadCpuTime(info.getThreadId());
            }
        }
        return total;
    }

    private static long transactions(String db, String database) throws Exception {
        if (!db.equals("postgres")) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection(BenchDatabase.DEFAULT_PG_URL, "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database"
                    + " WHERE datname = '" + database + "'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** One console: a page visit for the session cookie, then its event stream, read on a thread of its own. */
    private static InputStream open(String url, String path, AtomicLong events) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        http.send(HttpRequest.newBuilder(URI.create(url + "/console")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode());
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event: ")) {
                        events.incrementAndGet();
                    }
                }
            } catch (Exception closed) {
                // the bench closed the stream
            }
        }, "bench-console");
        reader.setDaemon(true);
        reader.start();
        return r.body();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
