package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hourglass jobs list|show|submit|cancel}: jobs through the REST API. */
@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List, show, submit and cancel jobs.",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Show.class, JobsCommand.Submit.class,
                JobsCommand.Cancel.class})
final class JobsCommand {
    static final List<String> COLUMNS = List.of("id", "task", "queue", "state", "priority", "dueAt", "attempts");

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List jobs, newest first.")
    static final class ListJobs implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Option(names = "--state", description = "scheduled, running, succeeded, failed, cancelled (comma-separated)")
        String state;
        @Option(names = "--queue")
        String queue;
        @Option(names = "--task")
        String task;
        @Option(names = "--limit", defaultValue = "50")
        int limit;

        @Override
        public void run() {
            StringBuilder query = new StringBuilder("?limit=" + limit);
            RequestParts.appendQuery(query, "state", state);
            RequestParts.appendQuery(query, "queue", queue);
            RequestParts.appendQuery(query, "task", task);
            JsonNode page = client.client().get("/api/v1/jobs" + query);
            client.print(spec.commandLine().getOut(), page, page.get("items"), COLUMNS);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a job and its attempts.")
    static final class Show implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public void run() {
            JsonNode job = client.client().get("/api/v1/jobs/" + id);
            client.print(spec.commandLine().getOut(), job, new ObjectMapper().createArrayNode().add(job), COLUMNS);
            if (!client.json) {
                Table.print(spec.commandLine().getOut(), job.get("attemptHistory"),
                        List.of("number", "owner", "startedAt", "durationMs", "outcome", "error"));
            }
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Enqueue a job; prints its id.")
    static final class Submit implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "TASK")
        String task;
        @Option(names = "--kwargs", paramLabel = "JSON", description = "keyword arguments as a JSON object")
        String kwargs;
        @Option(names = "--queue")
        String queue;
        @Option(names = "--priority")
        Integer priority;
        @Option(names = "--delay", paramLabel = "DURATION", description = "e.g. 30s, 5m or PT30S")
        String delay;
        @Option(names = "--dedup-key")
        String dedupKey;

        @Option(names = "--allow-unknown-task",
                description = "accept a task no node knows (e.g. one only remote workers run); refused (422) otherwise")
        boolean allowUnknownTask;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("task", task);
            if (kwargs != null) {
                body.put("kwargs", RequestParts.jsonObject(kwargs, "--kwargs"));
            }
            RequestParts.putIfSet(body, "queue", queue);
            RequestParts.putIfSet(body, "priority", priority);
            RequestParts.putIfSet(body, "delay", delay);
            RequestParts.putIfSet(body, "dedupKey", dedupKey);
            if (allowUnknownTask) {
                body.put("allowUnknownTask", true);
            }
            JsonNode result = client.client().post("/api/v1/jobs", body);
            client.print(spec.commandLine().getOut(), result, r -> r.get("jobId").asText()
                    + (r.get("created").asBoolean() ? "" : " (existing job with the same dedup key)"));
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a job.")
    static final class Cancel implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public void run() {
            JsonNode result = client.client().post("/api/v1/jobs/" + id + "/cancel", Map.of());
            client.print(spec.commandLine().getOut(), result, r -> "job " + id + ": " + r.get("result").asText());
        }
    }
}
