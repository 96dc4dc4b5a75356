package io.hourglass.server.api.schedules;

import io.hourglass.internal.Durations;
import io.hourglass.schedule.CronSpec;
import io.hourglass.schedule.IntervalSpec;
import io.hourglass.schedule.OnceSpec;
import io.hourglass.schedule.Schedule;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A schedule as the REST API shows it: the definition in the same shape it is sent, plus its run state
 * ({@code skippedCount}: fires that created nothing because of {@code skipIfPending}).
 */
record ScheduleView(
        String name,
        String task,
        String cron,
        String zone,
        String every,
        Instant once,
        List<Object> args,
        Map<String, Object> kwargs,
        String queue,
        Integer priority,
        boolean enabled,
        Instant startAt,
        Instant endAt,
        String misfirePolicy,
        int misfireCap,
        boolean skipIfPending,
        boolean allowUnknownTask,
        Map<String, Object> matrix,
        String expiresAfter,
        Instant nextFireAt,
        Instant lastFireAt,
        long runCount,
        long skippedCount,
        Instant createdAt,
        Instant updatedAt) {

    static ScheduleView of(Schedule s) {
        String cron = null;
        String zone = null;
        String every = null;
        Instant once = null;
        if (s.spec() instanceof CronSpec c) {
            cron = c.expression();
            zone = c.zone().getId();
        } else if (s.spec() instanceof IntervalSpec i) {
            every = i.every().toString();
        } else if (s.spec() instanceof OnceSpec o) {
            once = o.at();
        }
        return new ScheduleView(s.name(), s.task(), cron, zone, every, once, s.args(), s.kwargs(), s.queue(),
                s.priority(), s.enabled(), s.startAt(), s.endAt(), s.misfirePolicy().wireName(), s.misfireCap(),
                s.skipIfPending(), s.allowUnknownTask(), s.matrix() == null ? null : s.matrix().toMap(),
                s.expiresAfter() == null ? null : Durations.format(s.expiresAfter()), s.nextFireAt(), s.lastFireAt(), s.runCount(),
                s.skippedCount(), s.createdAt(), s.updatedAt());
    }
}
