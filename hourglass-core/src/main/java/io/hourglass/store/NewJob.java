package io.hourglass.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A job about to be inserted, with every default already resolved (queue, priority, due time).
 * {@code scheduleName} and {@code fireAt} are set together, for jobs a schedule creates; the store keeps at most
 * one job per (schedule, fire time).
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
        Instant fireAt) {

    public NewJob {
        args = args == null ? List.of() : args;
        kwargs = kwargs == null ? Map.of() : kwargs;
    }
}
