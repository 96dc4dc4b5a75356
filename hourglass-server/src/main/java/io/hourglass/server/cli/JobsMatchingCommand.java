package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass jobs cancel-matching|retry-matching [filters] [--limit N] [--yes]}: the bulk actions of
 * {@code POST /api/v1/jobs/cancel} and {@code /retry}. Without {@code --yes} nothing changes: the command prints
 * how many jobs match ({@code GET /api/v1/jobs/count}, bounded) and how to go on, as the console's confirmation
 * page does.
 */
final class JobsMatchingCommand {
    static final int MAX = 10_000;

    private JobsMatchingCommand() {
    }

    /** What both commands share: the filters, the limit, the confirmation. */
    abstract static class Matching implements Runnable {
        @Mixin
        ClientOptions client;
        @Mixin
        JobFilterOptions filters;
        @Spec
        CommandSpec spec;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "10000",
                description = "act on at most N matching jobs, newest first, 1 to 10000 (default ${DEFAULT-VALUE})")
        int limit;
        @Option(names = "--yes", description = "do it; without this, only say how many jobs match")
        boolean yes;

        abstract String action();

        /** The states the action takes when the filters name none (the server's rule, said here for the count). */
        abstract String defaultStates();

        @Override
        public void run() {
            StringBuilder query = new StringBuilder();
            filters.appendTo(query);
            PrintWriter out = spec.commandLine().getOut();
            if (!yes) {
                StringBuilder counted = new StringBuilder(query);
                if (filters.state == null) {
                    RequestParts.appendQuery(counted, "state", defaultStates());
                }
                RequestParts.appendQuery(counted, "cap", Integer.toString(Math.min(limit, MAX)));
                JsonNode count = client.client().get(RequestParts.withQuery("/api/v1/jobs/count", counted));
                client.print(out, count, c -> String.format(Locale.ROOT, "%s%,d jobs match (states %s); re-run"
                        + " with --yes to %s them", c.get("more").asBoolean() ? "more than " : "",
                        c.get("count").asLong(), filters.state == null ? defaultStates() : filters.state, action()));
                return;
            }
            RequestParts.appendQuery(query, "limit", Integer.toString(limit));
            JsonNode result = client.client().post(RequestParts.withQuery("/api/v1/jobs/" + action(), query),
                    Map.of());
            client.print(out, result, r -> String.format(Locale.ROOT, "%s: %,d matching jobs, %,d %s%s", action(),
                    r.get("matched").asInt(), r.get("applied").asInt(), action().equals("cancel")
                            ? "cancelled or asked to stop" : "retried as fresh copies",
                    r.get("more").asBoolean() ? " (more match: run it again)" : ""));
        }
    }

    @Command(name = "cancel-matching", mixinStandardHelpOptions = true,
            description = "Cancel the scheduled and running jobs matching the filters (at most --limit).")
    static final class CancelMatching extends Matching {
        @Override
        String action() {
            return "cancel";
        }

        @Override
        String defaultStates() {
            return "scheduled,running";
        }
    }

    @Command(name = "retry-matching", mixinStandardHelpOptions = true,
            description = "Retry the finished jobs matching the filters (failed and cancelled ones unless --state"
                    + " says otherwise), each as a fresh copy due now (at most --limit).")
    static final class RetryMatching extends Matching {
        @Override
        String action() {
            return "retry";
        }

        @Override
        String defaultStates() {
            return "failed,cancelled";
        }
    }
}
