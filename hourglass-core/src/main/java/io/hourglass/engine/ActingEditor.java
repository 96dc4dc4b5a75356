package io.hourglass.engine;

import io.hourglass.job.EnqueueResult;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleEditing;
import java.util.function.Function;

/**
 * The engine's schedule changes on behalf of one actor: {@code HourglassClient.actingAs(name)}'s, and the node's
 * own client's as {@code embedded}. Each change is recorded with the actor ({@link ScheduleEditor}) and then wakes
 * the planner, so a started node plans the changed schedule at once.
 */
final class ActingEditor implements ScheduleEditing {
    private final ScheduleEditor schedules;
    private final String actor;
    private final Function<String, EnqueueResult> fireNow;
    private final Runnable schedulesChanged;

    /**
     * @param fireNow          enqueues a schedule's job due now (a trigger), by schedule name
     * @param schedulesChanged wakes the planner
     */
    ActingEditor(ScheduleEditor schedules, String actor, Function<String, EnqueueResult> fireNow,
                 Runnable schedulesChanged) {
        this.schedules = schedules;
        this.actor = actor;
        this.fireNow = fireNow;
        this.schedulesChanged = schedulesChanged;
    }

    @Override public Schedule createSchedule(Schedule definition) { return changed(schedules.create(definition, actor)); }
    @Override public Schedule updateSchedule(Schedule definition) { return changed(schedules.update(definition, actor)); }
    @Override public Schedule enableSchedule(String name) { return changed(schedules.setEnabled(name, true, actor)); }
    @Override public Schedule disableSchedule(String name) { return changed(schedules.setEnabled(name, false, actor)); }

    @Override
    public EnqueueResult triggerSchedule(String name) {
        EnqueueResult result = fireNow.apply(name);
        if (result.created()) {
            schedules.triggered(name, result.jobId(), actor);
        }
        return result;
    }

    @Override
    public boolean deleteSchedule(String name) {
        boolean deleted = schedules.delete(name, actor);
        schedulesChanged.run();
        return deleted;
    }

    private Schedule changed(Schedule schedule) {
        schedulesChanged.run();
        return schedule;
    }
}
