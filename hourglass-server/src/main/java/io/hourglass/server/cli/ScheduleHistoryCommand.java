package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hourglass schedules history NAME}: who changed a schedule, when, and which fields, newest first, from
 * {@code GET /api/v1/schedules/{name}/history} (a deleted schedule's history too, until retention removes it).
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show a schedule's change history, newest first: when, who, what, and the fields changed.")
final class ScheduleHistoryCommand implements Runnable {
    static final List<String> COLUMNS = List.of("changedAt", "actor", "action", "changes");

    @Mixin
    ClientOptions client;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "the schedule's name")
    String name;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "how many entries, 1 to 500 (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public void run() {
        JsonNode result = client.client().get(SchedulesCommand.path(name) + "/history?limit=" + limit);
        PrintWriter out = spec.commandLine().getOut();
        if (client.json) {
            client.print(out, result, r -> "");
            return;
        }
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (JsonNode change : result.get("items")) {
            rows.addObject().put("changedAt", change.get("changedAt").asText())
                    .put("actor", change.get("actor").asText()).put("action", change.get("action").asText())
                    .put("changes", summary(change));
        }
        Table.print(out, rows, COLUMNS);
    }

    /** "every: PT5M -> PT10M; kwargs: ..." for an edit, the job for a trigger, nothing for a creation. */
    static String summary(JsonNode change) {
        String action = change.get("action").asText();
        if (action.equals("triggered")) {
            return "job " + change.get("after").get("jobId").asText();
        }
        if (action.equals("created") || action.equals("deleted")) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode field : change.get("changes")) {
            parts.add(field.get("field").asText() + ": " + text(field.get("before")) + " -> "
                    + text(field.get("after")));
        }
        return String.join("; ", parts);
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "-" : value.isTextual() ? value.asText() : value.toString();
    }
}
