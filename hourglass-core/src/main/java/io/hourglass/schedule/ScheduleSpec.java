package io.hourglass.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** When a schedule fires: a cron expression in a time zone, a fixed interval, or one instant. */
public sealed interface ScheduleSpec permits CronSpec, IntervalSpec, OnceSpec {

    /**
     * The first fire time strictly after {@code after}, or empty when there is none.
     *
     * @param anchor where an interval counts from (the schedule's start, or its creation); cron and once ignore it
     */
    Optional<Instant> nextAfter(Instant after, Instant anchor);

    /**
     * The latest fire time strictly before {@code before}, or empty when there is none; lets misfire handling jump
     * over a long gap instead of walking it.
     *
     * @param anchor as for {@link #nextAfter}; no interval fire time is before it
     */
    Optional<Instant> lastBefore(Instant before, Instant anchor);

    /** Parses a cron expression: 5 fields (Unix), 6 (Spring, or Quartz when it uses '?'), or 7 (Quartz). */
    static ScheduleSpec cron(String expression, ZoneId zone) {
        return CronSpec.parse(expression, zone);
    }

    static ScheduleSpec interval(Duration every) {
        return new IntervalSpec(every);
    }

    static ScheduleSpec once(Instant at) {
        return new OnceSpec(at);
    }
}
