package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code hourglass nodes}: the cluster as the server sees it ({@code GET /api/v1/nodes}): every node with its start
 * and last heartbeat, then every other field the server reports for them (so a remote worker's details show
 * without a CLI change).
 */
@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = "List the cluster's nodes with their incarnation, start, last heartbeat and tasks.")
final class NodesCommand extends ListItems {
    static final List<String> COLUMNS = List.of("name", "startedAt", "lastHeartbeatAt");

    NodesCommand() {
        super("nodes", COLUMNS);
    }

    @Override
    List<String> columns(JsonNode items) {
        return Table.allColumns(items, columns);
    }
}
