package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

/** {@code hourglass schedules list|show|create|update|enable|disable|trigger|preview|history|delete}. */
@Command(name = "schedules", mixinStandardHelpOptions = true,
        description = "Create, show, change, trigger, preview and delete schedules.",
        subcommands = {SchedulesCommand.ListSchedules.class, SchedulesCommand.Show.class, SchedulesCommand.Create.class,
                ScheduleUpdateCommand.class, SchedulesCommand.Enable.class, SchedulesCommand.Disable.class,
                SchedulesCommand.Trigger.class, SchedulesCommand.Preview.class, ScheduleHistoryCommand.class,
                SchedulesCommand.Delete.class})
final class SchedulesCommand {
    static final List<String> COLUMNS = List.of("name", "task", "cron", "zone", "every", "once", "enabled",
            "nextFireAt", "runCount");

    private SchedulesCommand() {
    }

    /** {@code /api/v1/schedules/{name}}. */
    static String path(String name) {
        return "/api/v1/schedules/" + NamedAction.encode(name);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List schedules.")
    static final class ListSchedules extends ListItems {
        ListSchedules() {
            super("schedules", COLUMNS);
        }

        @Override
        List<String> columns(JsonNode items) {
            return Table.columns(items, columns, List.of("skipIfPending"));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a schedule: its definition and its run state, one field a line.")
    static final class Show implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the schedule's name")
        String name;

        @Override
        public void run() {
            JsonNode schedule = client.client().get(path(name));
            PrintWriter out = spec.commandLine().getOut();
            if (client.json) {
                client.print(out, schedule, s -> "");
            } else {
                Table.printFields(out, schedule);
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a schedule: give one of --cron (with --zone), --every or --once.")
    static final class Create implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME", description = "the schedule's name")
        String name;
        @Parameters(index = "1", paramLabel = "TASK", description = "the task its jobs run")
        String task;
        @Mixin
        ScheduleOptions definition;

        @Override
        public void run() {
            if (definition.timings() == 0) {
                throw new HourglassCommand.UsageError("give one of --cron, --every or --once: when the schedule fires");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("task", task);
            body.putAll(definition.fields());
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

    @Command(name = "trigger", mixinStandardHelpOptions = true,
            description = "Enqueue one job from the schedule now, without moving its next fire time; prints its id.")
    static final class Trigger implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the schedule's name")
        String name;

        @Override
        public void run() {
            JsonNode result = client.client().post(path(name) + "/trigger", Map.of());
            client.print(spec.commandLine().getOut(), result, r -> r.get("jobId").asText()
                    + (r.get("created").asBoolean() ? "" : " (existing job with the same dedup key)"));
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true, description = "Print a schedule's next fire times (and a matrix schedule's combinations).")
    static final class Preview implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the schedule's name")
        String name;
        @Option(names = "--count", paramLabel = "N", defaultValue = "10",
                description = "how many fire times, 1 to 100 (default ${DEFAULT-VALUE})")
        int count;
        @Option(names = "--after", paramLabel = "INSTANT", description = "fire times after this ISO-8601 instant"
                + " (default now)")
        String after;

        @Override
        public void run() {
            StringBuilder query = new StringBuilder("&count=" + count);
            RequestParts.appendQuery(query, "after", after);
            JsonNode result = client.client().get(RequestParts.withQuery(path(name) + "/preview", query));
            PrintWriter out = spec.commandLine().getOut();
            if (client.json) {
                client.print(out, result, r -> "");
                return;
            }
            var rows = JsonNodeFactory.instance.arrayNode();
            result.get("fireTimes").forEach(time -> rows.addObject().set("fireAt", time));
            Table.print(out, rows, List.of("fireAt"));
            JsonNode combinations = result.path("combinations");
            if (!combinations.isEmpty()) {
                out.println("each fire creates " + combinations.size() + " jobs, one per combination:");
                combinations.forEach(combination -> out.println("  " + combination));
            }
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a schedule (its jobs stay).")
    static final class Delete implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the schedule's name")
        String name;

        @Override
        public void run() {
            client.client().delete(path(name));
            spec.commandLine().getOut().println(client.json ? "{\"deleted\": true}" : "schedule " + name + " deleted");
        }
    }
}
