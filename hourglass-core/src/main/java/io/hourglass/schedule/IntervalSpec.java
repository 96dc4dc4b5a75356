package io.hourglass.schedule;

import io.hourglass.InvalidRequestException;
import io.hourglass.internal.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fires every {@code every}, counted from the schedule's anchor (anchor, anchor + every, ...), so fire times do
 * not drift with run times. The arithmetic is exact to the nanosecond and constant-time however far away the
 * asked instant is.
 */
public record IntervalSpec(Duration every) implements ScheduleSpec {

    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    public IntervalSpec {
        InvalidRequestException.require(every != null && every.compareTo(MIN_INTERVAL) >= 0, "every",
                "interval must be at least " + MIN_INTERVAL.toMillis() + " ms, was " + every);
        InvalidRequestException.require(every.compareTo(Durations.MAX) <= 0, "every",
                "interval must be " + Durations.RANGE + ", was " + every);
    }

    @Override
    public Optional<Instant> nextAfter(Instant after, Instant anchor) {
        if (after.isBefore(anchor)) {
            return Optional.of(anchor);
        }
        long periods = Duration.between(anchor, after).dividedBy(every) + 1;
        return Optional.of(anchor.plus(every.multipliedBy(periods)));
    }

    @Override
    public Optional<Instant> lastBefore(Instant before, Instant anchor) {
        if (!before.isAfter(anchor)) {
            return Optional.empty();
        }
        Duration elapsed = Duration.between(anchor, before);
        long periods = elapsed.dividedBy(every);
        if (every.multipliedBy(periods).equals(elapsed)) {
            periods--; // 'before' is itself a fire time: strictly before means the one ahead of it
        }
        return Optional.of(anchor.plus(every.multipliedBy(periods)));
    }
}
