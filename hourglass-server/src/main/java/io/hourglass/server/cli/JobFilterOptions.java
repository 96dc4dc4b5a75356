package io.hourglass.server.cli;

import picocli.CommandLine.Option;

/**
 * The job filters of {@code GET /api/v1/jobs}, as options shared by {@code jobs list} and the bulk commands
 * ({@code jobs cancel-matching}, {@code jobs retry-matching}), so a filter means the same in each.
 */
final class JobFilterOptions {
    @Option(names = "--state", paramLabel = "STATES",
            description = "scheduled, running, succeeded, failed, cancelled, expired (comma-separated)")
    String state;
    @Option(names = "--outcome", paramLabel = "OUTCOME",
            description = "how the last attempt ended: succeeded, failed, infra_error, timed_out or cancelled")
    String outcome;
    @Option(names = "--queue", paramLabel = "QUEUE", description = "jobs of this queue")
    String queue;
    @Option(names = "--task", paramLabel = "TASK", description = "jobs of this task")
    String task;
    @Option(names = "--schedule", paramLabel = "NAME", description = "jobs this schedule created")
    String schedule;
    @Option(names = "--node", paramLabel = "NAME", description = "jobs of this node or remote worker (its name, as 'nodes' lists it)")
    String node;
    @Option(names = "--dedup-key", paramLabel = "KEY", description = "the job with this dedup key")
    String dedupKey;
    @Option(names = "--text", paramLabel = "TEXT",
            description = "search: jobs whose id or dedup key is TEXT, or whose arguments contain it")
    String text;
    @Option(names = "--due-from", paramLabel = "INSTANT", description = "due at or after, ISO-8601")
    String dueFrom;
    @Option(names = "--due-to", paramLabel = "INSTANT", description = "due before, ISO-8601")
    String dueTo;
    @Option(names = "--created-from", paramLabel = "INSTANT", description = "created at or after, ISO-8601")
    String createdFrom;
    @Option(names = "--created-to", paramLabel = "INSTANT", description = "created before, ISO-8601")
    String createdTo;
    @Option(names = "--finished-from", paramLabel = "INSTANT", description = "finished at or after, ISO-8601")
    String finishedFrom;
    @Option(names = "--finished-to", paramLabel = "INSTANT", description = "finished before, ISO-8601")
    String finishedTo;

    /** Appends the filters that were given as query parameters. */
    void appendTo(StringBuilder query) {
        RequestParts.appendQuery(query, "state", state);
        RequestParts.appendQuery(query, "outcome", outcome);
        RequestParts.appendQuery(query, "queue", queue);
        RequestParts.appendQuery(query, "task", task);
        RequestParts.appendQuery(query, "schedule", schedule);
        RequestParts.appendQuery(query, "node", node);
        RequestParts.appendQuery(query, "dedupKey", dedupKey);
        RequestParts.appendQuery(query, "text", text);
        RequestParts.appendQuery(query, "dueFrom", dueFrom);
        RequestParts.appendQuery(query, "dueTo", dueTo);
        RequestParts.appendQuery(query, "createdFrom", createdFrom);
        RequestParts.appendQuery(query, "createdTo", createdTo);
        RequestParts.appendQuery(query, "finishedFrom", finishedFrom);
        RequestParts.appendQuery(query, "finishedTo", finishedTo);
    }
}
