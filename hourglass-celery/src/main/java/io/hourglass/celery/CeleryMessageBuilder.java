package io.hourglass.celery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.InvalidRequestException;
import io.hourglass.task.JobContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a job attempt into a Celery protocol v2 task message. Pure: the task id and the time come from the caller.
 *
 * <p>Header facts that matter to a real worker: {@code timelimit} is {@code [hard, soft]} in seconds (Celery's own
 * order, see {@code celery/app/amqp.py}); {@code eta} stays null because Hourglass publishes only when the job is
 * due (a parked ETA would be redelivered by kombu's visibility timeout on Redis); {@code expires} is ISO-8601 UTC.
 */
final class CeleryMessageBuilder {
    private static final Map<String, Object> EMBED = embed();

    private final CelerySettings settings;
    private final ObjectMapper json;

    CeleryMessageBuilder(CelerySettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    CeleryMessage build(JobContext context, String taskId, Instant now) {
        String taskName = settings.celeryTask() != null ? settings.celeryTask() : context.task();
        return build(taskName, taskId, context.args(), context.kwargs(), context.priority(), now);
    }

    CeleryMessage build(String taskName, String taskId, List<Object> args, Map<String, Object> kwargs, int priority,
                        Instant now) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("lang", "py");
        headers.put("task", taskName);
        headers.put("id", taskId);
        headers.put("shadow", null);
        headers.put("eta", null);
        headers.put("expires", settings.defaultExpires() == null ? null
                : iso(now.plus(settings.defaultExpires())));
        headers.put("group", null);
        headers.put("group_index", null);
        headers.put("retries", 0);
        headers.put("timelimit", Arrays.asList(seconds(settings.hardTimeLimit()), seconds(settings.softTimeLimit())));
        headers.put("root_id", taskId);
        headers.put("parent_id", null);
        headers.put("argsrepr", PythonRepr.ofArgs(args));
        headers.put("kwargsrepr", PythonRepr.ofKwargs(kwargs));
        headers.put("origin", settings.origin());
        headers.put("ignore_result", settings.fireAndForget());
        return new CeleryMessage(taskId, headers, body(taskName, args, kwargs), priority, settings.exchange(),
                settings.effectiveRoutingKey());
    }

    private byte[] body(String taskName, List<Object> args, Map<String, Object> kwargs) {
        try {
            return json.writeValueAsBytes(List.of(args, kwargs, EMBED));
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("args", "celery task '" + taskName
                    + "': arguments cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private static Long seconds(Duration value) {
        return value == null ? null : Math.max(1, value.toSeconds());
    }

    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
    }

    private static Map<String, Object> embed() {
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("callbacks", null);
        embed.put("errbacks", null);
        embed.put("chain", null);
        embed.put("chord", null);
        return embed;
    }
}
