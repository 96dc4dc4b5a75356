package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass overdue}: due jobs nobody has claimed, oldest first ({@code GET /api/v1/overdue}), with the
 * reason each waits when the server gives one.
 */
@Command(name = "overdue", mixinStandardHelpOptions = true,
        description = "List due jobs nobody has claimed yet, oldest first (and why each waits, when the server says).")
final class OverdueCommand implements Runnable {
    static final List<String> COLUMNS = List.of("id", "task", "queue", "priority", "dueAt", "attempts");

    @Mixin
    ClientOptions client;
    @Spec
    CommandSpec spec;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "at most N jobs, 1 to 1000 (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public void run() {
        JsonNode page = client.client().get("/api/v1/overdue?limit=" + limit);
        JsonNode items = page.get("items");
        client.print(spec.commandLine().getOut(), page, items, Table.columns(items, COLUMNS, List.of("reason")));
    }
}
