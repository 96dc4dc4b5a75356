package io.hourglass.schedule;

import io.hourglass.job.EnqueueResult;

/**
 * The changes an operator makes to schedules, on behalf of a named actor ({@code HourglassClient.actingAs}): each
 * is recorded in the schedule's history ({@link ScheduleChange}) with that actor. The methods mean exactly what
 * {@code HourglassClient}'s methods of the same names mean, whose own changes are recorded as
 * {@link ScheduleChange#EMBEDDED}.
 */
public interface ScheduleEditing {
    Schedule createSchedule(Schedule definition);

    Schedule updateSchedule(Schedule definition);

    Schedule enableSchedule(String name);

    Schedule disableSchedule(String name);

    EnqueueResult triggerSchedule(String name);

    /** Deletes a schedule; jobs it already created are left alone. Returns false when there was none. */
    boolean deleteSchedule(String name);
}
