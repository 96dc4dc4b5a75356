package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hourglass stats}: jobs by state now, then a table of attempts by outcome, one row per time bucket
 * ({@code GET /api/v1/stats}; the server checks the range and bucket).
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Jobs by state now, and attempts by outcome per time bucket (default: the last 24 h by hour).")
final class StatsCommand implements Runnable {
    @Mixin
    ClientOptions client;
    @Spec
    CommandSpec spec;
    @Option(names = "--from", paramLabel = "INSTANT",
            description = "ISO-8601 instant, e.g. 2024-05-01T00:00:00Z; default 24 h before --to")
    String from;
    @Option(names = "--to", paramLabel = "INSTANT", description = "ISO-8601 instant; default now")
    String to;
    @Option(names = "--bucket", paramLabel = "SIZE", description = "1m, 5m, 1h or 1d (default 1h)")
    String bucket;
    /** What "now" is for the default {@code --to} (the server's own default would be {@code --from} + 24 h). */
    Clock clock = Clock.systemUTC();

    @Override
    public void run() {
        StringBuilder query = new StringBuilder();
        RequestParts.appendQuery(query, "from", from);
        RequestParts.appendQuery(query, "to", to != null ? to : clock.instant().toString());
        RequestParts.appendQuery(query, "bucket", bucket);
        JsonNode stats = client.client().get(RequestParts.withQuery("/api/v1/stats", query));
        PrintWriter out = spec.commandLine().getOut();
        if (client.json) {
            client.print(out, stats, r -> "");
            return;
        }
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode states = mapper.createArrayNode();
        stats.get("jobs").fields().forEachRemaining(e -> states.addObject().put("state", e.getKey())
                .set("jobs", e.getValue()));
        Table.print(out, states, List.of("state", "jobs"));
        out.println();
        out.println("attempts by outcome, " + stats.get("bucket").asText() + " buckets from "
                + stats.get("from").asText() + " to " + stats.get("to").asText() + " (buckets where some ended):");
        List<String> columns = new ArrayList<>(List.of("start"));
        ArrayNode rows = mapper.createArrayNode();
        for (JsonNode bucketNode : stats.get("attempts")) {
            if (total(bucketNode.get("outcomes")) == 0) {
                continue; // a day of hourly buckets is mostly empty: show the ones where something ended
            }
            ObjectNode row = rows.addObject().put("start", bucketNode.get("start").asText());
            bucketNode.get("outcomes").fields().forEachRemaining(e -> {
                row.set(e.getKey(), e.getValue());
                if (!columns.contains(e.getKey())) {
                    columns.add(e.getKey());
                }
            });
        }
        if (rows.isEmpty()) {
            out.println("(no attempt ended in this range)");
            return;
        }
        Table.print(out, rows, columns);
    }

    private static long total(JsonNode outcomes) {
        long sum = 0;
        for (JsonNode count : outcomes) {
            sum += count.asLong();
        }
        return sum;
    }
}
