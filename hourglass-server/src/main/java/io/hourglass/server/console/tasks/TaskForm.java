package io.hourglass.server.console.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.InvalidRequestException;
import io.hourglass.server.api.tasks.TaskBody;
import io.hourglass.server.api.tasks.TaskView;
import io.hourglass.server.console.web.Fmt;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The define / edit form of a defined task, as typed: settings as a JSON object, the retry policy field by field,
 * blanks meaning the API's defaults. It becomes the API's own body ({@link TaskBody}), so the checks and their
 * messages are the API's; a refusal names the API's field ({@code retry.maxAttempts}, {@code settings.url}) and
 * is shown next to the form field that holds it. Settings are shown masked and a masked value sent back keeps the
 * stored one ({@link TaskBody#keepingMaskedSettings}).
 */
public record TaskForm(Map<String, String> values, String field, String error) {
    /** The retry policy's fields, under {@code retry.} in the API. */
    public static final List<String> RETRY = List.of("maxAttempts", "initialDelay", "multiplier", "maxDelay",
            "jitter", "retryOn");
    private static final List<String> FIELDS = List.of("name", "executor", "settings", "queue", "timeout",
            "maxAttempts", "initialDelay", "multiplier", "maxDelay", "jitter", "retryOn", "version");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An empty form for a new task. */
    static TaskForm blank() {
        Map<String, String> values = new LinkedHashMap<>();
        FIELDS.forEach(f -> values.put(f, ""));
        values.put("settings", "{}");
        values.put("version", "0");
        return new TaskForm(values, null, null);
    }

    /** The form filled from a stored task, as the API shows it (settings masked). */
    static TaskForm of(TaskView task) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", task.name());
        values.put("executor", task.executor());
        values.put("settings", Fmt.json(task.settings()));
        values.put("queue", task.queue());
        values.put("timeout", task.timeout() == null ? "" : task.timeout());
        TaskView.RetryView r = task.retry();
        values.put("maxAttempts", Integer.toString(r.maxAttempts()));
        values.put("initialDelay", r.initialDelay());
        values.put("multiplier", Double.toString(r.multiplier()));
        values.put("maxDelay", r.maxDelay());
        values.put("jitter", Double.toString(r.jitter()));
        values.put("retryOn", String.join(", ", r.retryOn()));
        values.put("version", Long.toString(task.version()));
        return new TaskForm(values, null, null);
    }

    static TaskForm posted(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        FIELDS.forEach(f -> values.put(f, ctx.formParam(f) == null ? "" : ctx.formParam(f).trim()));
        return new TaskForm(values, null, null);
    }

    /** The same form with a refusal of the API's field {@code apiField}. */
    TaskForm refused(String apiField, String message) {
        return new TaskForm(values, apiField, message);
    }

    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    /** The refusal to show next to this form field, or null. */
    public String errorFor(String formField) {
        return field != null && formField.equals(formField(field)) ? error : null;
    }

    /** A refusal no form field holds (a version conflict, a task in code), or null. */
    public String formError() {
        return error != null && (field == null || !FIELDS.contains(formField(field))) ? error : null;
    }

    private static String formField(String apiField) {
        if (apiField.startsWith("retry.")) {
            return apiField.substring("retry.".length());
        }
        return apiField.startsWith("settings.") ? "settings" : apiField;
    }

    /**
     * The API body these values make.
     *
     * @throws InvalidRequestException naming the API's field, for values that are not even of the right kind
     */
    TaskBody toBody() {
        Map<String, Object> settings;
        try {
            String text = value("settings").isEmpty() ? "{}" : value("settings");
            settings = JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("settings", "must be a JSON object such as {\"url\": \"https://...\"}: "
                    + e.getOriginalMessage());
        }
        TaskBody.RetryBody retry = new TaskBody.RetryBody(integer("retry.maxAttempts", value("maxAttempts")),
                blankAsNull(value("initialDelay")), decimal("retry.multiplier", value("multiplier")),
                blankAsNull(value("maxDelay")), decimal("retry.jitter", value("jitter")),
                value("retryOn").isEmpty() ? null : Arrays.stream(value("retryOn").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList());
        Long version = value("version").isEmpty() ? null : (long) integer("version", value("version"));
        return new TaskBody(null, blankAsNull(value("executor")), settings == null ? Map.of() : settings,
                blankAsNull(value("queue")), retry, blankAsNull(value("timeout")), null, null, null, version);
    }

    private static String blankAsNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private static Integer integer(String field, String value) {
        try {
            return value.isEmpty() ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, "must be a whole number, was '" + value + "'");
        }
    }

    private static Double decimal(String field, String value) {
        try {
            return value.isEmpty() ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, "must be a number, was '" + value + "'");
        }
    }
}
