package io.hourglass.bench;

import io.hourglass.server.HourglassServer;
import io.hourglass.server.auth.Role;
import io.hourglass.server.auth.TokenStore;
import io.hourglass.server.config.EnvironmentSecrets;
import io.hourglass.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * REST enqueue ({@code bench/run rest-enqueue}): the real server in this process, with an API token (so every
 * request pays the token check), on PostgreSQL (a database of its own, {@code --database}, made anew) or the
 * embedded H2, driven by {@code wrk} (Debian's package) with {@code --connections} connections for
 * {@code --seconds}, each request {@code POST /api/v1/jobs} of one job due in an hour (a task no node runs, so the
 * engine stays idle). A first run of a quarter of the time warms the JIT up and is not reported.
 */
final class RestEnqueueBench {
    private static final String BODY =
            "{\"task\":\"bench-remote\",\"allowUnknownTask\":true,\"queue\":\"bench\",\"delay\":\"PT1H\","
                    + "\"kwargs\":{\"n\":1}}";
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);

    private final Options options;

    RestEnqueueBench(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        int connections = options.integer("connections", 8);
        int seconds = options.integer("seconds", 20);
        String db = options.string("db", "postgres");
        Path dir = Files.createTempDirectory("hourglass-bench-rest");
        ServerConfig config = ServerConfig.forTests(dir);
        if (db.equals("postgres")) {
            String database = options.string("database", "hourglass_bench_rest");
            String url = options.string("url", BenchDatabase.DEFAULT_PG_URL);
            try (Connection c = DriverManager.getConnection(url, "postgres", null);
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                s.execute("CREATE DATABASE " + database);
            }
            config = config.withDatabase(url.substring(0, url.lastIndexOf('/') + 1) + database, "postgres", null);
        } else if (!db.equals("h2")) {
            throw new IllegalArgumentException("--db must be h2 or postgres, was '" + db + "'");
        }
        String token = new TokenStore(dir, Clock.systemUTC()).create("bench", Role.WRITE);
        Path script = dir.resolve("enqueue.lua");
        Files.writeString(script, "wrk.method = \"POST\"\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n"
                + "wrk.body = '" + BODY + "'\n", StandardCharsets.UTF_8);
        Map<String, Object> result = new LinkedHashMap<>();
        try (HourglassServer server = HourglassServer.start(config, Clock.systemUTC(),
                EnvironmentSecrets.from(Map.of()))) {
            String target = server.url() + "/api/v1/jobs";
            wrk(script, target, connections, Math.max(2, seconds / 4));
            String out = wrk(script, target, connections, seconds);
            result.put("workload", "rest-enqueue");
            result.put("database", config.describeDatabase());
            result.put("connections", connections);
            result.put("seconds", seconds);
            Matcher rate = RATE.matcher(out);
            if (!rate.find()) {
                throw new IllegalStateException("wrk printed no Requests/sec line:\n" + out);
            }
            result.put("requests_per_s", Math.round(Double.parseDouble(rate.group(1))));
            Matcher p = PERCENTILE.matcher(out);
            while (p.find()) {
                result.put("p" + p.group(1) + "_ms", millis(Double.parseDouble(p.group(2)), p.group(3)));
            }
            if (out.contains("Non-2xx")) {
                throw new IllegalStateException("some requests were refused:\n" + out);
            }
            System.out.print(out);
            System.out.printf(Locale.ROOT, "rest-enqueue on %s: %s%n", config.describeDatabase(), result);
        }
        return result;
    }

    private static String wrk(Path script, String url, int connections, int seconds)
            throws IOException, InterruptedException {
        Process wrk;
        try {
            wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                    "-s", script.toString(), url).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("rest-enqueue needs wrk on the PATH (apt-get install -y wrk)", e);
        }
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return out;
    }

    private static double millis(double value, String unit) {
        double ms = switch (unit) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
        return Math.round(ms * 100) / 100.0;
    }
}
