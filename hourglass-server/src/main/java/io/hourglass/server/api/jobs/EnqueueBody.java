package io.hourglass.server.api.jobs;

import io.hourglass.InvalidRequestException;
import io.hourglass.job.JobRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of an enqueue: the task, its arguments, and optionally where, when ({@code at}, or {@code delay} as a
 * duration such as {@code 30s}, {@code 5m} or {@code PT30S}; neither means as soon as possible), how important and
 * a dedup key. A job of a task no node knows is refused (422, field {@code task}) unless {@code allowUnknownTask}
 * is true (for a task that only remote workers run). {@code expiresAfter} (a duration): a job not started that
 * long after its due time is not run and ends {@code expired}; absent for the task's setting.
 */
public record EnqueueBody(
        String task,
        List<Object> args,
        Map<String, Object> kwargs,
        String queue,
        Integer priority,
        String dedupKey,
        Instant at,
        Duration delay,
        Integer maxAttempts,
        Duration timeout,
        Boolean allowUnknownTask,
        Duration expiresAfter) {

    JobRequest toRequest() {
        InvalidRequestException.require(task != null, "task", "is required");
        return new JobRequest(task, args, kwargs, queue, priority, at, delay, dedupKey, maxAttempts, timeout,
                Boolean.TRUE.equals(allowUnknownTask), expiresAfter);
    }

    /** Many enqueues in one request. */
    public record Bulk(List<EnqueueBody> jobs) {
    }
}
