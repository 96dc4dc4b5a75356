package io.hourglass.store;

import java.time.Instant;

/**
 * A change another node made that this node may need to act on at once rather than at its next poll.
 *
 * @param earliestDue for {@link Kind#JOBS}: the earliest due time among the jobs enqueued, when known
 */
public record Change(Kind kind, Instant earliestDue) {
    public enum Kind {
        /** Jobs were enqueued or returned to the queue. */
        JOBS,
        /** A schedule was created, changed, enabled, disabled or deleted. */
        SCHEDULES,
        /** A queue was configured, paused or resumed. */
        QUEUES,
        /** A task definition was saved or deleted. */
        TASKS,
        /** Somebody asked for a running job to be cancelled. */
        CANCEL
    }
}
