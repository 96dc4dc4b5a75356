package io.hourglass.engine;

import io.hourglass.job.EnqueueResult;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleEditing;

/** The engine's schedule changes on behalf of one actor ({@code HourglassClient.actingAs}): the same operations. */
final class ActingEditor implements ScheduleEditing {
    private final Engine engine;
    private final String actor;

    ActingEditor(Engine engine, String actor) {
        this.engine = engine;
        this.actor = actor;
    }

    @Override public Schedule createSchedule(Schedule definition) { return engine.createAs(definition, actor); }
    @Override public Schedule updateSchedule(Schedule definition) { return engine.updateAs(definition, actor); }
    @Override public Schedule enableSchedule(String name) { return engine.enableAs(name, true, actor); }
    @Override public Schedule disableSchedule(String name) { return engine.enableAs(name, false, actor); }
    @Override public EnqueueResult triggerSchedule(String name) { return engine.triggerAs(name, actor); }
    @Override public boolean deleteSchedule(String name) { return engine.deleteAs(name, actor); }
}
