package io.hourglass.schedule;

import io.hourglass.InvalidRequestException;
import io.hourglass.internal.Instants;
import io.hourglass.internal.Names;
import io.hourglass.job.JobRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When a task recurs, with what arguments, where and how important. The first group of fields is the definition
 * an operator edits; the second is run state kept by the engine (ignored when creating or updating).
 *
 * @param queue         the queue its jobs go to; null for the task's default
 * @param priority      its jobs' priority; null for the task's ranker
 * @param startAt       no fire before this instant; null: from creation
 * @param endAt         no fire at or after this instant; null: forever
 * @param misfireCap    with {@link MisfirePolicy#RUN_ALL}: at most this many missed fire times are run
 * @param skipIfPending a fire whose previous job (the latest this schedule created) is still scheduled or running
 *                      creates nothing: the next fire time moves on and {@code skippedCount} counts it, so a paused
 *                      or slow queue does not pile up this schedule's jobs. False by default
 * @param allowUnknownTask accept the schedule even when no node knows its task (see
 *                      {@link io.hourglass.job.JobRequest#allowUnknownTask}); false by default, and then saving a
 *                      schedule of an unknown task is refused with {@link io.hourglass.UnknownTaskException}
 * @param matrix        one job per combination at each fire, the combination merged into its kwargs (see
 *                      {@link Matrix}); null for one job per fire
 * @param expiresAfter  a job of this schedule not started within this long after its due time is not run: it ends
 *                      {@code expired} (null: the task's setting, else never); the next fire takes over
 * @param nextFireAt    run state: the next fire time, null when there is none (ended, or disabled)
 * @param lastFireAt    run state: the latest fire time a job was created for
 * @param runCount      run state: how many jobs it created
 * @param skippedCount  run state: how many fires created nothing because of {@code skipIfPending}
 */
public record Schedule(
        String name,
        String task,
        ScheduleSpec spec,
        List<Object> args,
        Map<String, Object> kwargs,
        String queue,
        Integer priority,
        boolean enabled,
        Instant startAt,
        Instant endAt,
        MisfirePolicy misfirePolicy,
        int misfireCap,
        boolean skipIfPending,
        boolean allowUnknownTask,
        Matrix matrix,
        Duration expiresAfter,
        Instant nextFireAt,
        Instant lastFireAt,
        long runCount,
        long skippedCount,
        Instant createdAt,
        Instant updatedAt) {

    public static final int DEFAULT_MISFIRE_CAP = 100;

    public Schedule {
        Names.require("name", name, JobRequest.MAX_NAME_LENGTH);
        Names.require("task", task, JobRequest.MAX_NAME_LENGTH);
        Names.optional("queue", queue, JobRequest.MAX_NAME_LENGTH);
        Instants.requireInRange("startAt", startAt);
        Instants.requireInRange("endAt", endAt);
        InvalidRequestException.require(spec != null, "spec", "schedule '" + name + "' needs a cron, interval or once");
        InvalidRequestException.require(startAt == null || endAt == null || startAt.isBefore(endAt), "endAt",
                "schedule '" + name + "': endAt must be after startAt (" + startAt + "), was " + endAt);
        InvalidRequestException.require(misfireCap >= 1, "misfireCap",
                "schedule '" + name + "': misfireCap must be >= 1, was " + misfireCap);
        Objects.requireNonNull(misfirePolicy, "misfirePolicy");
        io.hourglass.internal.Durations.requirePositive("expiresAfter", expiresAfter);
        args = args == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
        kwargs = kwargs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this schedule's definition, to change some of it. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.task = task;
        b.spec = spec;
        b.args = args;
        b.kwargs = kwargs;
        b.queue = queue;
        b.priority = priority;
        b.enabled = enabled;
        b.startAt = startAt;
        b.endAt = endAt;
        b.misfirePolicy = misfirePolicy;
        b.misfireCap = misfireCap;
        b.skipIfPending = skipIfPending;
        b.allowUnknownTask = allowUnknownTask;
        b.matrix = matrix;
        b.expiresAfter = expiresAfter;
        return b;
    }

    /** This definition with new run state; the skipped count is kept (see {@link #withSkippedCount}). */
    public Schedule withRunState(Instant next, Instant last, long count, Instant created, Instant updated) {
        return new Schedule(name, task, spec, args, kwargs, queue, priority, enabled, startAt, endAt, misfirePolicy,
                misfireCap, skipIfPending, allowUnknownTask, matrix, expiresAfter, next, last, count, skippedCount, created, updated);
    }

    /** This schedule with another count of fires skipped because the previous job was pending. */
    public Schedule withSkippedCount(long value) {
        return new Schedule(name, task, spec, args, kwargs, queue, priority, enabled, startAt, endAt, misfirePolicy,
                misfireCap, skipIfPending, allowUnknownTask, matrix, expiresAfter, nextFireAt, lastFireAt, runCount, value,
                createdAt,
                updatedAt);
    }

    public Schedule withEnabled(boolean value) {
        return new Schedule(name, task, spec, args, kwargs, queue, priority, value, startAt, endAt, misfirePolicy,
                misfireCap, skipIfPending, allowUnknownTask, matrix, expiresAfter, nextFireAt, lastFireAt, runCount,
                skippedCount, createdAt, updatedAt);
    }

    /**
     * What each fire creates a job for: the matrix's combinations, or one empty combination without a matrix.
     * A job's keyword arguments are the schedule's with its combination merged over them.
     */
    public List<Map<String, Object>> cells() {
        return matrix == null ? List.of(Map.of()) : matrix.combinations();
    }

    public static final class Builder {
        private final String name;
        private String task;
        private ScheduleSpec spec;
        private List<Object> args;
        private Map<String, Object> kwargs;
        private String queue;
        private Integer priority;
        private boolean enabled = true;
        private Instant startAt;
        private Instant endAt;
        private MisfirePolicy misfirePolicy = MisfirePolicy.RUN_ONCE;
        private int misfireCap = DEFAULT_MISFIRE_CAP;
        private boolean skipIfPending;
        private boolean allowUnknownTask;
        private Matrix matrix;
        private Duration expiresAfter;

        private Builder(String name) {
            this.name = name;
        }

        public Builder task(String value) {
            this.task = value;
            return this;
        }

        public Builder spec(ScheduleSpec value) {
            this.spec = value;
            return this;
        }

        public Builder cron(String expression, ZoneId zone) {
            return spec(ScheduleSpec.cron(expression, zone));
        }

        public Builder every(Duration interval) {
            return spec(ScheduleSpec.interval(interval));
        }

        public Builder once(Instant at) {
            return spec(ScheduleSpec.once(at));
        }

        public Builder args(List<?> value) {
            this.args = value == null ? null : new ArrayList<>(value);
            return this;
        }

        public Builder kwargs(Map<String, ?> value) {
            this.kwargs = value == null ? null : new LinkedHashMap<>(value);
            return this;
        }

        public Builder queue(String value) {
            this.queue = value;
            return this;
        }

        public Builder priority(Integer value) {
            this.priority = value;
            return this;
        }

        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        public Builder startAt(Instant value) {
            this.startAt = value;
            return this;
        }

        public Builder endAt(Instant value) {
            this.endAt = value;
            return this;
        }

        public Builder misfirePolicy(MisfirePolicy value) {
            this.misfirePolicy = value;
            return this;
        }

        public Builder misfireCap(int value) {
            this.misfireCap = value;
            return this;
        }

        /** Skip a fire while the previous job is still scheduled or running (see {@link Schedule#skipIfPending}). */
        public Builder skipIfPending(boolean value) {
            this.skipIfPending = value;
            return this;
        }

        /** Accept the schedule even when no node knows its task (see {@link Schedule#allowUnknownTask}). */
        public Builder allowUnknownTask(boolean value) {
            this.allowUnknownTask = value;
            return this;
        }

        /** One job per combination at each fire (see {@link Schedule#matrix}); null for one job per fire. */
        public Builder matrix(Matrix value) {
            this.matrix = value;
            return this;
        }

        /** Jobs not started this long after their due time are not run (see {@link Schedule#expiresAfter}). */
        public Builder expiresAfter(Duration value) {
            this.expiresAfter = value;
            return this;
        }

        public Schedule build() {
            return new Schedule(name, task, spec, args, kwargs, queue, priority, enabled, startAt, endAt,
                    misfirePolicy, misfireCap, skipIfPending, allowUnknownTask, matrix, expiresAfter, null, null, 0,
                    0, null, null);
        }
    }
}
