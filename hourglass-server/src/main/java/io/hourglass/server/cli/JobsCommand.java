package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code hourglass jobs list|show|attempts|submit|cancel|retry|cancel-matching|retry-matching}: jobs through the
 * REST API.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "List, show, submit, cancel and retry jobs, one or all matching; list a job's attempts.",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Show.class, JobAttemptsCommand.class,
                JobsCommand.Submit.class, JobsCommand.Cancel.class, JobsCommand.Retry.class,
                JobsMatchingCommand.CancelMatching.class, JobsMatchingCommand.RetryMatching.class})
final class JobsCommand {
    static final List<String> COLUMNS = List.of("id", "task", "queue", "state", "priority", "dueAt", "attempts");

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List jobs, newest first; the filters combine (all must match).")
    static final class ListJobs implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Mixin
        JobFilterOptions filters;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "at most N jobs, 1 to 1000 (default ${DEFAULT-VALUE})")
        int limit;
        @Option(names = "--cursor", paramLabel = "CURSOR",
                description = "continue after the previous page (the cursor it printed)")
        String cursor;

        @Override
        public void run() {
            StringBuilder query = new StringBuilder("&limit=" + limit);
            filters.appendTo(query);
            RequestParts.appendQuery(query, "cursor", cursor);
            JsonNode page = client.client().get(RequestParts.withQuery("/api/v1/jobs", query));
            PrintWriter out = spec.commandLine().getOut();
            client.print(out, page, page.get("items"), COLUMNS);
            if (!client.json && page.hasNonNull("nextCursor")) {
                out.println("(more: --cursor " + page.get("nextCursor").asText() + ")");
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a job and its attempts.")
    static final class Show implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "the job's id")
        long id;

        @Override
        public void run() {
            JsonNode job = client.client().get("/api/v1/jobs/" + id);
            client.print(spec.commandLine().getOut(), job, new ObjectMapper().createArrayNode().add(job), COLUMNS);
            if (!client.json) {
                JobAttemptsCommand.print(spec.commandLine().getOut(), job.get("attemptHistory"));
            }
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Enqueue a job; prints its id.")
    static final class Submit implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "TASK", description = "the task to run")
        String task;
        @Option(names = "--args", paramLabel = "JSON",
                description = "positional arguments as a JSON array, e.g. '[1, \"a\"]'")
        String args;
        @Option(names = "--kwargs", paramLabel = "JSON", description = "keyword arguments as a JSON object")
        String kwargs;
        @Option(names = "--queue", paramLabel = "QUEUE", description = "the queue (default: the task's queue)")
        String queue;
        @Option(names = "--priority", paramLabel = "N", description = "higher runs first among due jobs")
        Integer priority;
        @Option(names = "--delay", paramLabel = "DURATION", description = "due after this long, e.g. 30s, 5m or PT30S")
        String delay;
        @Option(names = "--dedup-key", paramLabel = "KEY",
                description = "while a job with this key is unfinished, answer with it instead of adding another")
        String dedupKey;
        @Option(names = "--expires-after", paramLabel = "DURATION",
                description = "not run (ends expired) unless started this long after its due time, e.g. 3m")
        String expiresAfter;

        @Option(names = "--allow-unknown-task",
                description = "accept a task no node knows (e.g. one only remote workers run); refused (422) otherwise")
        boolean allowUnknownTask;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("task", task);
            RequestParts.putArguments(body, args, kwargs);
            RequestParts.putIfSet(body, "queue", queue);
            RequestParts.putIfSet(body, "priority", priority);
            RequestParts.putIfSet(body, "delay", delay);
            RequestParts.putIfSet(body, "dedupKey", dedupKey);
            RequestParts.putIfSet(body, "expiresAfter", expiresAfter);
            if (allowUnknownTask) {
                body.put("allowUnknownTask", true);
            }
            JsonNode result = client.client().post("/api/v1/jobs", body);
            client.print(spec.commandLine().getOut(), result, r -> r.get("jobId").asText()
                    + (r.get("created").asBoolean() ? "" : " (existing job with the same dedup key)"));
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a scheduled job, or ask a running one to stop.")
    static final class Cancel implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "the job's id")
        long id;

        @Override
        public void run() {
            JsonNode result = client.client().post("/api/v1/jobs/" + id + "/cancel", Map.of());
            client.print(spec.commandLine().getOut(), result, r -> "job " + id + ": " + r.get("result").asText());
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Run a job now: a finished one gets a fresh copy, due now (its id is printed); a scheduled"
                    + " one, due later or waiting for its retry backoff, is made due now; a running one is refused.")
    static final class Retry implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "the job's id")
        long id;

        @Override
        public void run() {
            JsonNode result = client.client().post("/api/v1/jobs/" + id + "/retry", Map.of());
            client.print(spec.commandLine().getOut(), result, r -> r.has("retryOf")
                    ? "job " + id + " retried as job " + r.get("jobId").asText()
                            + (r.get("created").asBoolean() ? "" : " (existing job with the same dedup key)")
                    : "job " + id + " is due now");
        }
    }
}
