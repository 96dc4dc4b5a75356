package io.hourglass;

import java.time.Duration;

/** Enqueueing into a queue that holds its maximum number of scheduled jobs. */
public class QueueFullException extends ConflictException {
    private final String queue;
    private final Duration retryAfter;

    public QueueFullException(String queue, long maxSize, Duration retryAfter) {
        super("queue '" + queue + "' is full: it holds its maximum of " + maxSize + " scheduled jobs");
        this.queue = queue;
        this.retryAfter = retryAfter;
    }

    public String queue() {
        return queue;
    }

    /** A hint for when to try again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
