package io.hourglass.schedule;

import io.hourglass.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Fires every {@code every}, counted from the schedule's anchor, so fire times do not drift with run times. */
public record IntervalSpec(Duration every) implements ScheduleSpec {

    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    public IntervalSpec {
        InvalidRequestException.require(every != null && every.compareTo(MIN_INTERVAL) >= 0, "every",
                "interval must be at least " + MIN_INTERVAL.toMillis() + " ms, was " + every);
    }

    @Override
    public Optional<Instant> nextAfter(Instant after, Instant anchor) {
        if (after.isBefore(anchor)) {
            return Optional.of(anchor);
        }
        long everyMillis = every.toMillis();
        long elapsed = after.toEpochMilli() - anchor.toEpochMilli();
        long periods = elapsed / everyMillis + 1;
        return Optional.of(anchor.plusMillis(periods * everyMillis));
    }
}
