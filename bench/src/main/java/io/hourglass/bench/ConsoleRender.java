package io.hourglass.bench;

import io.hourglass.jdbc.JdbcStore;
import io.hourglass.server.HourglassServer;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.server.config.EnvironmentSecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * The console's render time over a large history: fills a PostgreSQL schema with {@code --jobs} jobs (default one
 * million; 95% succeeded, 3% failed, 1% cancelled, 1% scheduled, one attempt per job that ran, over ~23 days,
 * 10 tasks and 5 queues) straight with {@code generate_series}, starts the real server on it (open, on loopback),
 * and times {@code --requests} sequential GETs of each page over loopback HTTP after a warm-up: the overview, the
 * jobs list's first page, filtered pages, the search, a job's page and the bulk confirmation (its bounded count).
 * The time includes the loopback round trip, so it is an upper bound of the server's render time.
 */
final class ConsoleRender {
    private static final String SCHEMA = "hourglass_bench_console";

    private final Options options;

    ConsoleRender(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        int jobs = options.integer("jobs", 1_000_000);
        int requests = options.integer("requests", 300);
        String server = options.string("url", BenchDatabase.DEFAULT_PG_URL);
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        long filled = fill(server, url, jobs);
        Path dataDir = Files.createTempDirectory("hourglass-bench-console-");
        HourglassServer hourglass = HourglassServer.start(ServerConfig.forTests(dataDir)
                .withDatabase(url, "postgres", null), Clock.systemUTC(), EnvironmentSecrets.from(Map.of()));
        try {
            HttpClient http = HttpClient.newHttpClient();
            long someId;
            long maxId;
            try (Connection c = DriverManager.getConnection(url, "postgres", "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT MIN(id), MAX(id) FROM jobs")) {
                rs.next();
                someId = rs.getLong(1);
                maxId = rs.getLong(2);
            }
            Instant now = Instant.now();
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("overview", "/console");
            pages.put("jobs, first page", "/console/jobs");
            pages.put("jobs, page 2 (cursor)", "/console/jobs?cursor=" + (maxId - 50));
            pages.put("jobs, task + state=failed (none match)", "/console/jobs?task=task-3&state=failed");
            pages.put("jobs, task + state=failed (3% match)", "/console/jobs?task=task-5&state=failed");
            pages.put("jobs, queue + created last 2 days", "/console/jobs?queue=queue-2&createdFrom="
                    + now.minusSeconds(2 * 86_400) + "&createdTo=" + now);
            pages.put("jobs, outcome=failed", "/console/jobs?outcome=failed");
            pages.put("jobs, node", "/console/jobs?node=bench-node");
            pages.put("jobs, search by id", "/console/jobs?text=" + (someId + jobs / 2));
            pages.put("jobs, search argument text (newest match)", "/console/jobs?text=account-"
                    + String.valueOf(jobs - 1).substring(0, 2));
            pages.put("jobs, search argument text (rare)", "/console/jobs?text=account-" + (jobs / 3) + "%22");
            pages.put("job detail", "/console/jobs/{id}");
            pages.put("bulk retry confirmation, task-3 failed (count)", "/console/jobs/bulk/retry?task=task-3"
                    + "&state=failed");
            pages.put("bulk cancel confirmation, all scheduled (count)", "/console/jobs/bulk/cancel");
            pages.put("queues", "/console/queues");
            pages.put("tasks", "/console/tasks");
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workload", "console");
            result.put("jobs", filled);
            result.put("requests", requests);
            System.out.printf("%,d jobs in the history; %d requests per page after a warm-up of %d%n", filled,
                    requests, Math.max(20, requests / 5));
            for (Map.Entry<String, String> page : pages.entrySet()) {
                Histogram h = time(http, hourglass.url(), page.getValue(), someId, maxId, requests);
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("p50_ms", h.getValueAtPercentile(50) / 1000.0);
                figures.put("p99_ms", h.getValueAtPercentile(99) / 1000.0);
                figures.put("max_ms", h.getMaxValue() / 1000.0);
                result.put(page.getKey(), figures);
                System.out.printf("%-50s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n", page.getKey(),
                        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                        h.getMaxValue() / 1000.0);
            }
            return result;
        } finally {
            hourglass.close();
        }
    }

    private static Histogram time(HttpClient http, String base, String path, long minId, long maxId, int requests)
            throws Exception {
        Histogram h = new Histogram(3);
        int warmUp = Math.max(20, requests / 5);
        for (int i = 0; i < warmUp + requests; i++) {
            String p = path.replace("{id}", Long.toString(ThreadLocalRandom.current().nextLong(minId, maxId + 1)));
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + p)).header("Accept", "text/html").build();
            long began = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - began) / 1000;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(p + " answered " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(500, response.body().length())));
            }
            if (i >= warmUp) {
                h.recordValue(micros);
            }
        }
        return h;
    }

    /** A fresh schema with the store's tables, then {@code jobs} jobs and their attempts inserted by SQL. */
    private static long fill(String server, String url, int jobs) throws Exception {
        try (Connection c = DriverManager.getConnection(server, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        try (JdbcStore store = JdbcStore.connect(url, "postgres", "")) {
            store.migrate();
        }
        long began = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement()) {
            for (String sql : List.of(
                    // g % 100: 0-94 succeeded, 95-97 failed, 98 cancelled, 99 scheduled (due later, no node runs it)
                    "INSERT INTO jobs (task, queue, priority, args, kwargs, dedup_key, dedup_active, state, due_at,"
                            + " created_at, attempts, owner, started_at, finished_at, last_outcome, last_error)"
                            + " SELECT 'task-' || (g % 10), 'queue-' || (g % 5), 0, '[\"account-' || g || '\"]',"
                            + " '{\"n\": ' || g || '}', CASE WHEN g % 4 = 0 THEN 'dk-' || g END,"
                            + " CASE WHEN g % 4 = 0 AND g % 100 = 99 THEN 'dk-' || g END,"
                            + " CASE WHEN g % 100 < 95 THEN 'succeeded' WHEN g % 100 < 98 THEN 'failed'"
                            + " WHEN g % 100 = 98 THEN 'cancelled' ELSE 'scheduled' END,"
                            + " CASE WHEN g % 100 = 99 THEN now() + interval '1 day' ELSE t END, t,"
                            + " CASE WHEN g % 100 < 98 THEN 1 ELSE 0 END,"
                            + " CASE WHEN g % 100 < 98 THEN 'bench-node#1' END,"
                            + " CASE WHEN g % 100 < 98 THEN t + interval '1 second' END,"
                            + " CASE WHEN g % 100 < 99 THEN t + interval '2 seconds' END,"
                            + " CASE WHEN g % 100 < 95 THEN 'succeeded' WHEN g % 100 < 98 THEN 'failed'"
                            + " WHEN g % 100 = 98 THEN 'cancelled' END,"
                            + " CASE WHEN g % 100 BETWEEN 95 AND 97 THEN 'partner login check failed: 401' END"
                            + " FROM (SELECT g, now() - (" + jobs + " - g) * interval '2 seconds' AS t"
                            + " FROM generate_series(1, " + jobs + ") AS g) AS series",
                    "INSERT INTO attempts (job_id, number, owner, started_at, finished_at, outcome, error, output,"
                            + " output_truncated) SELECT id, 1, 'bench-node#1', started_at, finished_at, last_outcome,"
                            + " last_error, 'done', false FROM jobs WHERE state IN ('succeeded', 'failed')",
                    "ANALYZE jobs", "ANALYZE attempts")) {
                s.execute(sql);
            }
        }
        System.out.printf("filled %,d jobs and their attempts in %.1f s%n", jobs, (System.nanoTime() - began) / 1e9);
        return jobs;
    }
}
