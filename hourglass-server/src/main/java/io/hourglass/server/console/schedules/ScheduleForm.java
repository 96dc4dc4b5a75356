package io.hourglass.server.console.schedules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hourglass.ConflictException;
import io.hourglass.InvalidRequestException;
import io.hourglass.schedule.MisfirePolicy;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleChange;
import io.hourglass.server.api.schedules.ScheduleBody;
import io.hourglass.server.http.ApiException;
import io.hourglass.server.http.JsonBodies;
import io.javalin.http.Context;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The schedule editor's fields, as the operator typed them, and the errors found in them. A submitted form becomes
 * the REST API's JSON body ({@link ScheduleBody}) and is read and checked by exactly its rules, so a bad value is
 * refused with the API's own field and message, shown next to that field; the form keeps what was typed.
 *
 * <p>Each field is declared once, in {@link #FIELDS}, with how it becomes JSON: one more schedule field is one more
 * entry here and one more line in {@code schedules/form.jte}. Only the timing field of the chosen kind (cron with
 * its zone, every, or once) is sent.
 */
public final class ScheduleForm {
    /** How a field's text becomes JSON: a string, a number, JSON as typed, or a checkbox. */
    enum Type { TEXT, NUMBER, JSON, FLAG }

    static final Map<String, Type> FIELDS = fields();
    /** The kinds of timing, each with the fields it sends. */
    static final Map<String, List<String>> KINDS = Map.of("cron", List.of("cron", "zone"), "every",
            List.of("every"), "once", List.of("once"));
    /** Where an error that names no form field is shown. */
    static final String FORM = "form";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, String> values;
    private final Map<String, String> errors = new LinkedHashMap<>();

    private ScheduleForm(Map<String, String> values) {
        this.values = values;
    }

    private static Map<String, Type> fields() {
        Map<String, Type> f = new LinkedHashMap<>();
        for (String text : List.of("name", "task", "cron", "zone", "every", "once", "queue")) {
            f.put(text, Type.TEXT);
        }
        f.put("args", Type.JSON);
        f.put("kwargs", Type.JSON);
        f.put("priority", Type.NUMBER);
        f.put("startAt", Type.TEXT);
        f.put("endAt", Type.TEXT);
        f.put("misfirePolicy", Type.TEXT);
        f.put("misfireCap", Type.NUMBER);
        f.put("enabled", Type.FLAG);
        f.put("skipIfPending", Type.FLAG);
        f.put("allowUnknownTask", Type.FLAG);
        f.put("matrix", Type.JSON);
        f.put("expiresAfter", Type.TEXT);
        return f;
    }

    /** A new schedule's form: a cron in UTC, no arguments, the default misfire handling, enabled. */
    static ScheduleForm blank() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("kind", "cron");
        v.put("zone", "UTC");
        v.put("args", "[]");
        v.put("kwargs", "{}");
        v.put("misfirePolicy", MisfirePolicy.RUN_ONCE.wireName());
        v.put("misfireCap", String.valueOf(Schedule.DEFAULT_MISFIRE_CAP));
        v.put("enabled", "true");
        return new ScheduleForm(v);
    }

    /** The form of a stored schedule: its definition as the history records it. */
    static ScheduleForm of(Schedule schedule) {
        Map<String, String> v = new LinkedHashMap<>();
        Map<String, Object> definition = ScheduleChange.definition(schedule);
        definition.forEach((field, value) -> v.put(field, FIELDS.get(field) == Type.JSON ? json(value)
                : String.valueOf(value)));
        v.put("kind", KINDS.keySet().stream().filter(definition::containsKey).findFirst().orElse("cron"));
        v.putIfAbsent("zone", "UTC");
        return new ScheduleForm(v);
    }

    /** The form as submitted. */
    static ScheduleForm read(Context ctx) {
        Map<String, String> v = new LinkedHashMap<>();
        String kind = ctx.formParam("kind");
        v.put("kind", kind == null ? "" : kind);
        for (Map.Entry<String, Type> field : FIELDS.entrySet()) {
            String value = ctx.formParam(field.getKey());
            if (field.getValue() == Type.FLAG) {
                v.put(field.getKey(), String.valueOf(value != null));
            } else if (value != null) {
                v.put(field.getKey(), value);
            }
        }
        return new ScheduleForm(v);
    }

    /** What the operator typed (or the stored value), for the template; "" when empty. */
    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public boolean checked(String field) {
        return "true".equals(values.get(field));
    }

    public boolean kindIs(String kind) {
        return kind.equals(value("kind"));
    }

    /** The error shown next to a field, or null. */
    public String error(String field) {
        return errors.get(field);
    }

    /** The first error found, or null. */
    String firstError() {
        return errors.values().stream().findFirst().orElse(null);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Shows an error next to the field it names (the form's top when it names none on this form). */
    void fail(String field, String message) {
        String base = field == null ? null : field.split("[.\\[]", 2)[0];
        errors.putIfAbsent(base != null && (FIELDS.containsKey(base) || base.equals("kind")) ? base : FORM, message);
    }

    /**
     * Runs {@code action} (which reads or saves the schedule) and turns a refusal into an error next to its field:
     * the API's 400 and 422 ({@link InvalidRequestException}, {@link ApiException}), and a taken name (409).
     */
    <T> Optional<T> attempt(Supplier<T> action) {
        try {
            return Optional.of(action.get());
        } catch (InvalidRequestException e) {
            fail(e.field(), e.getMessage());
        } catch (ApiException e) {
            if (e.status() >= 500) {
                throw e;
            }
            fail(e.field(), e.getMessage());
        } catch (ConflictException e) {
            fail("name", e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * The schedule the form defines, read by the REST API's rules; empty (with the errors recorded) when it is
     * refused.
     *
     * @param pathName the schedule being edited (its name is not a field then); null when creating
     * @param fallbacks values used for empty fields (a preview needs no name or task)
     */
    Optional<Schedule> toSchedule(String pathName, Map<String, String> fallbacks, JsonBodies bodies) {
        ObjectNode body = MAPPER.createObjectNode();
        List<String> timing = KINDS.get(value("kind"));
        if (timing == null) {
            fail("kind", "choose cron, every or once");
            return Optional.empty();
        }
        for (Map.Entry<String, Type> field : FIELDS.entrySet()) {
            String name = field.getKey();
            boolean otherKind = KINDS.values().stream().anyMatch(f -> f.contains(name)) && !timing.contains(name);
            String text = value(name).strip();
            if (text.isEmpty()) {
                text = fallbacks.getOrDefault(name, "");
            }
            if (otherKind || (pathName != null && name.equals("name")) || text.isEmpty()) {
                continue;
            }
            switch (field.getValue()) {
                case TEXT -> body.put(name, text);
                case FLAG -> body.put(name, Boolean.parseBoolean(text));
                case NUMBER -> {
                    try {
                        body.put(name, new BigInteger(text));
                    } catch (NumberFormatException e) {
                        body.put(name, text); // refused below with the API's message for a non-number
                    }
                }
                case JSON -> {
                    try {
                        body.set(name, MAPPER.readTree(text));
                    } catch (JsonProcessingException e) {
                        fail(name, name + ": is not valid JSON: " + e.getOriginalMessage());
                    }
                }
            }
        }
        if (!body.has(timing.get(0))) {
            fail(timing.get(0), timing.get(0) + ": is required for a schedule of this kind");
        }
        if (hasErrors()) {
            return Optional.empty();
        }
        return attempt(() -> bodies.convert(body, ScheduleBody.class).toSchedule(pathName, true));
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bug: stored arguments that are not JSON: " + e.getMessage(), e);
        }
    }
}
