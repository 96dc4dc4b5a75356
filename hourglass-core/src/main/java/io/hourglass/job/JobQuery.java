package io.hourglass.job;

import io.hourglass.InvalidRequestException;
import io.hourglass.internal.Instants;
import io.hourglass.internal.Names;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A filter over jobs with cursor paging. Empty filters match everything; the time range is over the due time,
 * {@code dueFrom} inclusive and {@code dueTo} exclusive. Results are newest first (highest id first).
 */
public record JobQuery(
        Set<JobState> states,
        String queue,
        String task,
        String dedupKey,
        String scheduleName,
        Instant dueFrom,
        Instant dueTo,
        String cursor,
        int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public JobQuery {
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        InvalidRequestException.require(limit >= 1 && limit <= MAX_LIMIT, "limit",
                "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        InvalidRequestException.require(dueFrom == null || dueTo == null || dueFrom.isBefore(dueTo), "dueTo",
                "must be after dueFrom (" + dueFrom + "), was " + dueTo);
        Names.requireText("queue", queue);
        Names.requireText("task", task);
        Names.requireText("dedupKey", dedupKey);
        Names.requireText("schedule", scheduleName);
        Instants.requireInRange("dueFrom", dueFrom);
        Instants.requireInRange("dueTo", dueTo);
        InvalidRequestException.require(cursor == null || cursor.matches("[0-9]{1,19}"), "cursor",
                "must be a cursor returned by a previous page, was '" + cursor + "'");
    }

    public static JobQuery all() {
        return new JobQuery(null, null, null, null, null, null, null, null, DEFAULT_LIMIT);
    }

    public JobQuery withStates(Set<JobState> value) {
        return new JobQuery(value, queue, task, dedupKey, scheduleName, dueFrom, dueTo, cursor, limit);
    }

    public JobQuery withQueue(String value) {
        return new JobQuery(states, value, task, dedupKey, scheduleName, dueFrom, dueTo, cursor, limit);
    }

    public JobQuery withTask(String value) {
        return new JobQuery(states, queue, value, dedupKey, scheduleName, dueFrom, dueTo, cursor, limit);
    }

    public JobQuery withDedupKey(String value) {
        return new JobQuery(states, queue, task, value, scheduleName, dueFrom, dueTo, cursor, limit);
    }

    public JobQuery withScheduleName(String value) {
        return new JobQuery(states, queue, task, dedupKey, value, dueFrom, dueTo, cursor, limit);
    }

    public JobQuery withDueBetween(Instant from, Instant to) {
        return new JobQuery(states, queue, task, dedupKey, scheduleName, from, to, cursor, limit);
    }

    public JobQuery withCursor(String value) {
        return new JobQuery(states, queue, task, dedupKey, scheduleName, dueFrom, dueTo, value, limit);
    }

    public JobQuery withLimit(int value) {
        return new JobQuery(states, queue, task, dedupKey, scheduleName, dueFrom, dueTo, cursor, value);
    }
}
