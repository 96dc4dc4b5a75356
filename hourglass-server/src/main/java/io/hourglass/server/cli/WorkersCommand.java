package io.hourglass.server.cli;

import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code hourglass workers}: the remote workers the cluster has seen lately ({@code GET /api/v1/workers}), with the
 * queues they pop from and how many jobs each holds now.
 */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = "List the remote workers seen in the last 10 minutes or holding a job.")
final class WorkersCommand extends ListItems {
    static final List<String> COLUMNS = List.of("name", "lastSeenAt", "queues", "jobsHeld");

    WorkersCommand() {
        super("workers", COLUMNS);
    }
}
