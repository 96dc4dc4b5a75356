package io.hourglass.engine;

import io.hourglass.attempt.Outcome;
import java.time.Duration;

/**
 * Hears what a node does, for metrics: register one with {@code HourglassBuilder.listener(...)}. Every method has a
 * no-op default, so an implementation overrides only what it counts.
 *
 * <p>Methods are called on the engine's own threads (the dispatcher, the completer, the housekeeping thread, or
 * the caller's thread for enqueues and remote workers), right after the store accepted the change, so they must
 * be quick and must not block; counting into a metrics registry is the intended use. A listener that throws is
 * logged and ignored: it never breaks the engine.
 */
public interface EngineListener {

    /** {@code count} new jobs were created in {@code queue}, by a client enqueue or a schedule firing. */
    default void jobsEnqueued(String queue, int count) {
    }

    /** {@code count} jobs of {@code queue} were claimed to run, by this node or by a remote worker's pop. */
    default void jobsClaimed(String queue, int count) {
    }

    /**
     * An attempt's end was recorded.
     *
     * @param startLatency from when the job was due to when the attempt started (zero when it started early)
     * @param runDuration  from the attempt's start to its end
     */
    default void attemptEnded(String task, String queue, Outcome outcome, Duration startLatency,
            Duration runDuration) {
    }

    /** A job's owner stopped heartbeating and this node took the job over (also reported as an ended attempt). */
    default void leaseExpired(String task, String queue) {
    }

    /** The store refused an attempt's end because its owner had lost the lease; nothing was recorded. */
    default void completionRefused(String task, String queue, long jobId, Outcome outcome) {
    }
}
