package io.hourglass.queue;

import io.hourglass.InvalidRequestException;
import io.hourglass.internal.Names;

/**
 * A named lane for jobs. Jobs leave a queue by priority (higher first), then due time.
 *
 * @param concurrency at most this many of its jobs run at once across the whole cluster; null for no limit
 * @param paused      while true, none of its jobs are claimed (running ones finish)
 * @param maxSize     at most this many scheduled jobs may wait in it; null for no limit. Enqueueing into a full
 *                    queue is refused, unless the job's priority is at least {@code bypassPriority}
 * @param bypassPriority jobs at or above this priority are accepted into a full queue; null: none are
 */
public record QueueConfig(String name, Integer concurrency, boolean paused, Integer maxSize, Integer bypassPriority) {

    public QueueConfig {
        Names.require("name", name, 200);
        InvalidRequestException.require(concurrency == null || concurrency >= 1, "concurrency",
                "queue '" + name + "': concurrency must be >= 1, was " + concurrency);
        InvalidRequestException.require(maxSize == null || maxSize >= 1, "maxSize",
                "queue '" + name + "': maxSize must be >= 1, was " + maxSize);
    }

    /** A queue with no limits, not paused: what a queue is before anybody configures it. */
    public static QueueConfig unlimited(String name) {
        return new QueueConfig(name, null, false, null, null);
    }

    public QueueConfig withConcurrency(Integer value) {
        return new QueueConfig(name, value, paused, maxSize, bypassPriority);
    }

    public QueueConfig withPaused(boolean value) {
        return new QueueConfig(name, concurrency, value, maxSize, bypassPriority);
    }

    public QueueConfig withMaxSize(Integer value, Integer bypass) {
        return new QueueConfig(name, concurrency, paused, value, bypass);
    }
}
