package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass jobs attempts ID}: a job's attempts, oldest first, one row each: where it ran, when, how long,
 * how it ended (with what was reported, when an outcome rule reclassified it) and the first line of its error. {@code --json} prints the attempts as the server sent them.
 */
@Command(name = "attempts", mixinStandardHelpOptions = true,
        description = "List a job's attempts: number, node or worker, start, end, duration, outcome and error.")
final class JobAttemptsCommand implements Runnable {
    static final List<String> COLUMNS = List.of("number", "owner", "startedAt", "finishedAt", "duration", "outcome",
            "error");
    private static final int ERROR_EXCERPT = 60;

    @Mixin
    ClientOptions client;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "ID", description = "the job's id")
    long id;

    @Override
    public void run() {
        JsonNode attempts = client.client().get("/api/v1/jobs/" + id).get("attemptHistory");
        PrintWriter out = spec.commandLine().getOut();
        if (client.json) {
            client.print(out, attempts, r -> "");
            return;
        }
        print(out, attempts);
    }

    /** The attempts as a table (also under {@code jobs show}). */
    static void print(PrintWriter out, JsonNode attempts) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (JsonNode attempt : attempts) {
            ObjectNode row = rows.addObject();
            for (String field : List.of("number", "owner", "startedAt", "finishedAt", "outcome")) {
                row.set(field, attempt.get(field));
            }
            if (attempt.hasNonNull("reportedOutcome")) { // an outcome rule reclassified it
                row.put("outcome", attempt.get("outcome").asText() + " (reported " + attempt.get("reportedOutcome")
                        .asText() + ", outcomeRules[" + attempt.path("outcomeRule").asInt() + "])");
            }
            if (attempt.hasNonNull("finishedAt")) {
                row.put("duration", duration(attempt.path("durationMs").asLong()));
            }
            if (attempt.hasNonNull("error")) {
                row.put("error", excerpt(attempt.get("error").asText()));
            }
        }
        if (rows.isEmpty()) {
            out.println("(no attempts yet)");
            return;
        }
        Table.print(out, rows, COLUMNS);
    }

    /** E.g. {@code 0.042s}, {@code 12.500s}. */
    static String duration(long millis) {
        return String.format(java.util.Locale.ROOT, "%d.%03ds", millis / 1000, millis % 1000);
    }

    /** The error's first line, cut to fit a table cell (the whole error is in {@code jobs show --json}). */
    static String excerpt(String error) {
        String line = error.strip().lines().findFirst().orElse("");
        return line.length() > ERROR_EXCERPT ? line.substring(0, ERROR_EXCERPT - 1) + "…" : line;
    }
}
