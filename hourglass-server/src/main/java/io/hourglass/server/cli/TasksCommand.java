package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code hourglass tasks list|show|define|delete}: tasks through the REST API. {@code define} sends a definition
 * built from options, or the JSON body in a file ({@code --file}), to {@code PUT /api/v1/tasks/{name}}.
 */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "List, show, define and delete tasks (tasks registered in code are read-only).",
        subcommands = {TasksCommand.ListTasks.class, TasksCommand.Show.class, TasksCommand.Define.class,
                TasksCommand.Delete.class})
final class TasksCommand {
    static final List<String> COLUMNS = List.of("name", "source", "executor", "queue", "timeout", "version",
            "runsHere");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tasks.")
    static final class ListTasks extends ListItems {
        ListTasks() {
            super("tasks", COLUMNS);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a task with its settings (secrets redacted), retry policy and ranker.")
    static final class Show implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the task's name")
        String name;

        @Override
        public void run() {
            JsonNode task = client.client().get("/api/v1/tasks/" + NamedAction.encode(name));
            PrintWriter out = spec.commandLine().getOut();
            client.print(out, task, JSON.createArrayNode().add(task), COLUMNS);
            if (!client.json) {
                for (String part : List.of("settings", "retry", "ranker")) {
                    if (task.hasNonNull(part)) {
                        out.println(part + ": " + task.get(part));
                    }
                }
            }
        }
    }

    @Command(name = "define", mixinStandardHelpOptions = true,
            description = "Define or replace a task run by an executor type (needs an admin token): give --executor"
                    + " (with --settings, --queue, --timeout, --outcome-rules, --expires-after) or --file with the JSON definition.")
    static final class Define implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the task's name")
        String name;
        @Option(names = "--executor", description = "webhook, shell, container or celery (as the server enables)")
        String executor;
        @Option(names = "--settings", paramLabel = "JSON", description = "the executor's settings, a JSON object")
        String settings;
        @Option(names = "--queue", paramLabel = "QUEUE", description = "the queue its jobs go to")
        String queue;
        @Option(names = "--timeout", paramLabel = "DURATION", description = "e.g. 30s, 5m, PT1H")
        String timeout;
        @Option(names = "--outcome-rules", paramLabel = "JSON", description = "ordered rules applied to each attempt's"
                + " result before retries, e.g. '[{\"match\": {\"output\": \"SessionNotCreated\"}, \"then\":"
                + " \"infra_error\"}]'")
        String outcomeRules;
        @Option(names = "--expires-after", paramLabel = "DURATION",
                description = "a job not started this long after its due time is not run (ends expired), e.g. 3m")
        String expiresAfter;
        @Option(names = "--expected-version", paramLabel = "N",
                description = "refuse unless the stored version is N (0: the task must be new)")
        Long expectedVersion;
        @Option(names = "--file", paramLabel = "FILE",
                description = "the whole definition as JSON: {executor, settings, queue, retry, timeout, ranker,"
                        + " outcomeRules, expiresAfter}")
        Path file;

        @Override
        public void run() {
            Map<String, Object> body = file != null ? fromFile() : fromOptions();
            RequestParts.putIfSet(body, "version", expectedVersion);
            JsonNode saved = client.client().put("/api/v1/tasks/" + NamedAction.encode(name), body);
            client.print(spec.commandLine().getOut(), saved, t -> "task " + name + " "
                    + (t.get("version").asLong() == 1 ? "defined" : "replaced") + " (version "
                    + t.get("version").asText() + ", executor " + t.get("executor").asText() + ", runs here: "
                    + t.get("runsHere").asText() + ")");
        }

        private Map<String, Object> fromFile() {
            if (executor != null || settings != null || queue != null || timeout != null || outcomeRules != null
                    || expiresAfter != null) {
                throw new HourglassCommand.UsageError("give either --file or --executor/--settings/--queue/"
                        + "--timeout/--outcome-rules/--expires-after, not both");
            }
            return RequestParts.jsonFile(file, "--file");
        }

        private Map<String, Object> fromOptions() {
            if (executor == null) {
                throw new HourglassCommand.UsageError("give --executor (or --file with the whole definition)");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("executor", executor);
            if (settings != null) {
                body.put("settings", RequestParts.jsonObject(settings, "--settings"));
            }
            RequestParts.putIfSet(body, "queue", queue);
            RequestParts.putIfSet(body, "timeout", timeout);
            if (outcomeRules != null) {
                body.put("outcomeRules", RequestParts.jsonList(outcomeRules, "--outcome-rules"));
            }
            RequestParts.putIfSet(body, "expiresAfter", expiresAfter);
            return body;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a task definition (needs an admin token); refused while schedules use it or jobs"
                    + " of it are unfinished.")
    static final class Delete implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the task's name")
        String name;

        @Override
        public void run() {
            client.client().delete("/api/v1/tasks/" + NamedAction.encode(name));
            spec.commandLine().getOut().println(client.json ? "{\"deleted\": true}" : "task " + name + " deleted");
        }
    }
}
