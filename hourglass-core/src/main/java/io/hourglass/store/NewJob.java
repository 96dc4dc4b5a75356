package io.hourglass.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job about to be inserted, with every default already resolved (queue, priority, due time).
 * {@code scheduleName} and {@code fireAt} are set together, for jobs a schedule creates; the store keeps at most
 * one job per (schedule, fire time, cell).
 *
 * @param cell      the matrix combination of a schedule's job as its {@link io.hourglass.schedule.Matrix#cellKey
 *                  cell key}; "" when the schedule has no matrix, or the job is not a schedule's
 * @param expiresAt the job is not started at or after this instant but ends expired; null for never
 */
public record NewJob(
        String task,
        String queue,
        int priority,
        List<Object> args,
        Map<String, Object> kwargs,
        String dedupKey,
        Instant dueAt,
        Instant createdAt,
        Integer maxAttempts,
        Duration timeout,
        String scheduleName,
        Instant fireAt,
        String cell,
        Instant expiresAt) {

    public NewJob {
        args = args == null ? List.of() : args;
        kwargs = kwargs == null ? Map.of() : kwargs;
        cell = cell == null ? "" : cell;
    }

    /** A job outside any matrix that never expires. */
    public NewJob(String task, String queue, int priority, List<Object> args, Map<String, Object> kwargs,
                  String dedupKey, Instant dueAt, Instant createdAt, Integer maxAttempts, Duration timeout,
                  String scheduleName, Instant fireAt) {
        this(task, queue, priority, args, kwargs, dedupKey, dueAt, createdAt, maxAttempts, timeout, scheduleName,
                fireAt, "", null);
    }
}
