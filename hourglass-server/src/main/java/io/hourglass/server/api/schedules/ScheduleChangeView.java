package io.hourglass.server.api.schedules;

import io.hourglass.schedule.ScheduleChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of a schedule's change history as the REST API shows it: the definitions before and after in the
 * shape a schedule is sent ({@code null} where there is none: before a creation, after a deletion; a trigger's
 * {@code after} names the job it enqueued), and the fields that changed.
 *
 * @param actor who made it: an API token's name, "embedded" for the node's own program, "anonymous" when the
 *              server ran open
 * @param action created, updated, enabled, disabled, triggered or deleted
 */
record ScheduleChangeView(long id, String schedule, Instant changedAt, String actor, String action,
                          Map<String, Object> before, Map<String, Object> after, List<FieldChangeView> changes) {

    /** A field whose value differs: {@code before} and {@code after} are null where the field was not set. */
    record FieldChangeView(String field, Object before, Object after) {
    }

    static ScheduleChangeView of(ScheduleChange c) {
        return new ScheduleChangeView(c.id(), c.scheduleName(), c.changedAt(), c.actor(), c.action().wireName(),
                c.before(), c.after(), c.diff().stream()
                .map(f -> new FieldChangeView(f.field(), f.before(), f.after())).toList());
    }
}
