package io.hourglass.store;

import io.hourglass.attempt.Outcome;
import java.time.Instant;
import java.util.Objects;

/**
 * How many attempts ended with one outcome in one time bucket, as {@link Store#countAttempts} returns them.
 *
 * @param bucketStart the bucket's start: its end time floored to a multiple of the bucket size since the epoch
 */
public record OutcomeCount(Instant bucketStart, Outcome outcome, long count) {
    public OutcomeCount {
        Objects.requireNonNull(bucketStart, "bucketStart");
        Objects.requireNonNull(outcome, "outcome");
    }
}
