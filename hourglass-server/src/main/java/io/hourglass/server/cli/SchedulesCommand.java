package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hourglass schedules list|create|enable|disable|delete}. */
@Command(name = "schedules", mixinStandardHelpOptions = true, description = "Manage schedules.",
        subcommands = {SchedulesCommand.ListSchedules.class, SchedulesCommand.Create.class,
                SchedulesCommand.Enable.class, SchedulesCommand.Disable.class, SchedulesCommand.Delete.class})
final class SchedulesCommand {
    static final List<String> COLUMNS = List.of("name", "task", "cron", "zone", "every", "enabled", "nextFireAt",
            "runCount");

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List schedules.")
    static final class ListSchedules extends ListItems {
        ListSchedules() {
            super("schedules", COLUMNS);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a schedule: give one of --cron (with --zone), --every or --once.")
    static final class Create implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "TASK")
        String task;
        @Option(names = "--cron")
        String cron;
        @Option(names = "--zone")
        String zone;
        @Option(names = "--every", description = "e.g. 30s, 5m, PT1H")
        String every;
        @Option(names = "--once", description = "an ISO-8601 instant")
        String once;
        @Option(names = "--kwargs", paramLabel = "JSON")
        String kwargs;
        @Option(names = "--queue")
        String queue;

        @Option(names = "--allow-unknown-task",
                description = "accept a task no node knows (e.g. one only remote workers run); refused (422) otherwise")
        boolean allowUnknownTask;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("task", task);
            RequestParts.putIfSet(body, "cron", cron);
            RequestParts.putIfSet(body, "zone", zone);
            RequestParts.putIfSet(body, "every", every);
            RequestParts.putIfSet(body, "once", once);
            RequestParts.putIfSet(body, "queue", queue);
            if (allowUnknownTask) {
                body.put("allowUnknownTask", true);
            }
            if (kwargs != null) {
                try {
                    body.put("kwargs", new ObjectMapper().readValue(kwargs, Map.class));
                } catch (IOException e) {
                    throw new HourglassCommand.UsageError("--kwargs must be a JSON object: " + e.getMessage());
                }
            }
            JsonNode created = client.client().post("/api/v1/schedules", body);
            client.print(spec.commandLine().getOut(), created, s -> "schedule " + name + " created; next run "
                    + s.get("nextFireAt").asText());
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a schedule.")
    static final class Enable extends NamedAction {
        Enable() {
            super("schedules", "schedule", "enable", "enabled");
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a schedule.")
    static final class Disable extends NamedAction {
        Disable() {
            super("schedules", "schedule", "disable", "disabled");
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a schedule.")
    static final class Delete implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            client.client().delete("/api/v1/schedules/" + NamedAction.encode(name));
            spec.commandLine().getOut().println(client.json ? "{\"deleted\": true}" : "schedule " + name + " deleted");
        }
    }
}
