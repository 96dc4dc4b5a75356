package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass schedules update NAME [options]}: changes only what the options give and keeps the rest of
 * the definition, {@code enabled} included. The options make a JSON merge patch ({@link ScheduleOptions#patch});
 * the server's {@code PUT} replaces a whole definition, so the patch is applied to the schedule as read and the
 * result is put back. Two edits of one schedule at the same moment: the later one wins whole.
 */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Change a schedule: only the options given change, the rest (enabled too) stays.")
final class ScheduleUpdateCommand implements Runnable {
    /** The fields of a schedule that {@code PUT} takes; the rest of what {@code GET} shows is run state. */
    static final List<String> DEFINITION = List.of("name", "task", "cron", "zone", "every", "once", "args", "kwargs",
            "queue", "priority", "enabled", "startAt", "endAt", "misfirePolicy", "misfireCap", "skipIfPending",
            "allowUnknownTask", "matrix", "expiresAfter");

    @Mixin
    ClientOptions client;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "the schedule's name")
    String name;
    @Option(names = "--task", paramLabel = "TASK", description = "the task its jobs run")
    String task;
    @Mixin
    ScheduleOptions definition;

    @Override
    public void run() {
        Map<String, Object> patch = definition.patch();
        RequestParts.putIfSet(patch, "task", task);
        if (patch.isEmpty()) {
            throw new HourglassCommand.UsageError("give at least one option to change (see 'hourglass schedules"
                    + " update --help')");
        }
        ApiClient api = client.client();
        JsonNode current = api.get(SchedulesCommand.path(name));
        Map<String, Object> body = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String field : DEFINITION) {
            if (current.hasNonNull(field)) {
                body.put(field, json.convertValue(current.get(field), Object.class));
            }
        }
        patch.forEach((field, value) -> {
            if (value == null) {
                body.remove(field);
            } else {
                body.put(field, value);
            }
        });
        JsonNode saved = api.put(SchedulesCommand.path(name), body);
        client.print(spec.commandLine().getOut(), saved, s -> "schedule " + name + " updated; next run "
                + s.path("nextFireAt").asText("none"));
    }
}
