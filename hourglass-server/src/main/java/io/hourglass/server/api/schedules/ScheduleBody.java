package io.hourglass.server.api.schedules;

import io.hourglass.InvalidRequestException;
import io.hourglass.internal.Durations;
import io.hourglass.schedule.Matrix;
import io.hourglass.schedule.MisfirePolicy;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleSpec;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A schedule definition as sent by a client. Exactly one of {@code cron} (with {@code zone}, default UTC),
 * {@code every} (a duration such as {@code 30s}, {@code 5m} or {@code PT1H}) or {@code once} (an instant).
 * {@code skipIfPending} (default false) skips a fire while the schedule's previous job is still scheduled or
 * running; {@code allowUnknownTask} (default false) accepts a task no node knows, which is otherwise a 422.
 * {@code matrix} (GitHub Actions' shape: keys with value lists, optional {@code exclude} and {@code include} lists
 * of objects) makes each fire create one job per combination, merged into its kwargs; at most 256 combinations.
 * {@code expiresAfter} (a duration): a job not started that long after its due time is not run, it ends
 * {@code expired} and the next fire takes over.
 * Public so the console's schedule form is read by the same rules ({@code console.schedules.ScheduleForm}).
 */
public record ScheduleBody(
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
        Boolean enabled,
        Instant startAt,
        Instant endAt,
        String misfirePolicy,
        Integer misfireCap,
        Boolean skipIfPending,
        Boolean allowUnknownTask,
        Map<String, Object> matrix,
        String expiresAfter) {

    Schedule toSchedule(String pathName) {
        return toSchedule(pathName, true);
    }

    /**
     * The schedule this body defines, checked by the core's rules.
     *
     * @param pathName        the name the request's path gives (null when creating by body)
     * @param enabledIfAbsent whether the schedule is enabled when the body does not say
     */
    public Schedule toSchedule(String pathName, boolean enabledIfAbsent) {
        String resolvedName = pathName != null ? pathName : name;
        InvalidRequestException.require(pathName == null || name == null || name.equals(pathName), "name",
                "the body names '" + name + "' but the path names '" + pathName + "'");
        InvalidRequestException.require(resolvedName != null, "name", "is required");
        InvalidRequestException.require(task != null, "task", "is required");
        Schedule.Builder b = Schedule.builder(resolvedName).task(task).spec(spec()).args(args).kwargs(kwargs)
                .queue(queue).priority(priority).enabled(enabled != null ? enabled : enabledIfAbsent)
                .startAt(startAt).endAt(endAt).skipIfPending(Boolean.TRUE.equals(skipIfPending))
                .allowUnknownTask(Boolean.TRUE.equals(allowUnknownTask)).matrix(Matrix.fromMap(matrix));
        if (expiresAfter != null) {
            try {
                b.expiresAfter(Durations.parse(expiresAfter));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("expiresAfter", e.getMessage());
            }
        }
        if (misfirePolicy != null) {
            try {
                b.misfirePolicy(MisfirePolicy.fromWireName(misfirePolicy));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("misfirePolicy", e.getMessage());
            }
        }
        if (misfireCap != null) {
            b.misfireCap(misfireCap);
        }
        return b.build();
    }

    private ScheduleSpec spec() {
        int given = (cron != null ? 1 : 0) + (every != null ? 1 : 0) + (once != null ? 1 : 0);
        InvalidRequestException.require(given == 1, "cron",
                "give exactly one of cron, every or once (" + given + " given)");
        InvalidRequestException.require(zone == null || cron != null, "zone", "only applies to a cron schedule");
        if (cron != null) {
            ZoneId zoneId;
            try {
                zoneId = zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new InvalidRequestException("zone", "'" + zone + "' is not an IANA time zone such as"
                        + " Europe/Amsterdam");
            }
            return ScheduleSpec.cron(cron, zoneId);
        }
        if (every != null) {
            Duration interval;
            try {
                interval = Durations.parse(every);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("every", e.getMessage());
            }
            return ScheduleSpec.interval(interval);
        }
        return ScheduleSpec.once(once);
    }
}
