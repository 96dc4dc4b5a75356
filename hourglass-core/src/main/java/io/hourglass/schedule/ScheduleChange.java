package io.hourglass.schedule;

import io.hourglass.internal.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of a schedule's change history: who did what to it, when, and its definition before and after. The
 * store writes it in the same transaction as the change itself, so the history never claims a change that was
 * rolled back, nor misses one that was saved. Run state (next fire, run count) is not a change: the planner moves
 * it on every fire.
 *
 * <p>A definition is kept as a flat map in the shape the REST API sends it ({@link #definition(Schedule)}), so a
 * field-level {@link #diff()} needs no knowledge of the schedule's types, and old entries stay readable when the
 * schedule gains fields.
 *
 * @param id        the store's id, increasing with time (0 before it is stored)
 * @param actor     who made the change: the API token's name, the console session's token name, or
 *                  {@link #EMBEDDED} for a program's own calls
 * @param before    the definition before; null for {@link Action#CREATED} and {@link Action#TRIGGERED}
 * @param after     the definition after; null for {@link Action#DELETED}; for {@link Action#TRIGGERED} the job it
 *                  enqueued ({@code jobId})
 */
public record ScheduleChange(long id, String scheduleName, Instant changedAt, String actor, Action action,
                             Map<String, Object> before, Map<String, Object> after) {
    /** The actor of changes made through a node's own client, by the program that embeds it. */
    public static final String EMBEDDED = "embedded";
    /** At most this many entries in one history read. */
    public static final int MAX_READ = 500;

    /** What happened to the schedule. */
    public enum Action {
        CREATED, UPDATED, ENABLED, DISABLED, DELETED, TRIGGERED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action fromWireName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** One field that differs between before and after. */
    public record FieldChange(String field, Object before, Object after) {
    }

    public ScheduleChange {
        Objects.requireNonNull(scheduleName, "scheduleName");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        before = before == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(before));
        after = after == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(after));
    }

    /** A change not yet stored: the definitions of {@code before} and {@code after} (either may be null). */
    public static ScheduleChange of(String actor, Action action, Schedule before, Schedule after, Instant at) {
        String name = after != null ? after.name() : before.name();
        return new ScheduleChange(0, name, at, actor, action, definition(before), definition(after));
    }

    /** A trigger: the job it enqueued. */
    public static ScheduleChange triggered(String actor, String scheduleName, long jobId, Instant at) {
        return new ScheduleChange(0, scheduleName, at, actor, Action.TRIGGERED, null, Map.of("jobId", jobId));
    }

    /**
     * A schedule's definition as a flat map, in the fields and order of the REST API's schedule body; fields that
     * are not set are left out. Null for a null schedule.
     */
    public static Map<String, Object> definition(Schedule s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", s.name());
        d.put("task", s.task());
        if (s.spec() instanceof CronSpec cron) {
            d.put("cron", cron.expression());
            d.put("zone", cron.zone().getId());
        } else if (s.spec() instanceof IntervalSpec interval) {
            d.put("every", text(interval.every()));
        } else if (s.spec() instanceof OnceSpec once) {
            d.put("once", text(once.at()));
        }
        d.put("args", s.args());
        d.put("kwargs", s.kwargs());
        d.put("queue", s.queue());
        d.put("priority", s.priority());
        d.put("enabled", s.enabled());
        d.put("startAt", text(s.startAt()));
        d.put("endAt", text(s.endAt()));
        d.put("misfirePolicy", s.misfirePolicy().wireName());
        d.put("misfireCap", s.misfireCap());
        d.put("skipIfPending", s.skipIfPending());
        d.put("allowUnknownTask", s.allowUnknownTask());
        d.put("matrix", s.matrix() == null ? null : s.matrix().toMap());
        d.put("expiresAfter", s.expiresAfter() == null ? null : Durations.format(s.expiresAfter()));
        d.values().removeIf(Objects::isNull);
        return d;
    }

    /** The fields whose values differ between before and after, in definition order (absent counts as null). */
    public List<FieldChange> diff() {
        Map<String, Object> from = before == null ? Map.of() : before;
        Map<String, Object> to = after == null ? Map.of() : after;
        Set<String> fields = new LinkedHashSet<>(from.keySet());
        fields.addAll(to.keySet());
        List<FieldChange> changes = new ArrayList<>();
        for (String field : fields) {
            if (!Objects.equals(from.get(field), to.get(field))) {
                changes.add(new FieldChange(field, from.get(field), to.get(field)));
            }
        }
        return changes;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String text(Duration value) {
        return value.toString();
    }
}
