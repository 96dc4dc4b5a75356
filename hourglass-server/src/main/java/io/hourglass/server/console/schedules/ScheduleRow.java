package io.hourglass.server.console.schedules;

import io.hourglass.job.Job;
import io.hourglass.schedule.Schedule;
import java.time.Instant;

/**
 * A schedule as the list shows it: its timing in words and as written, next fire, the last job it created (state
 * and outcome) and its run count.
 *
 * @param lastJob the newest job the schedule created, or null
 */
public record ScheduleRow(String name, String task, String timing, String expression, boolean enabled,
                          Instant nextFireAt, Instant lastFireAt, long runCount, Job lastJob) {

    static ScheduleRow of(Schedule s, Job lastJob) {
        return new ScheduleRow(s.name(), s.task(), ScheduleTiming.describe(s.spec()),
                ScheduleTiming.expression(s.spec()), s.enabled(), s.nextFireAt(), s.lastFireAt(), s.runCount(),
                lastJob);
    }
}
