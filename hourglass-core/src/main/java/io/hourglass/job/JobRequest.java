package io.hourglass.job;

import io.hourglass.InvalidRequestException;
import io.hourglass.internal.Durations;
import io.hourglass.internal.Instants;
import io.hourglass.internal.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request to run a task once: what, with which arguments, when, where and how important.
 *
 * <pre>{@code
 * JobRequest.of("scrape-coned").kwargs(account).dedupKey("account:42").build()     // as soon as possible
 * JobRequest.of("report").delay(Duration.ofMinutes(5)).queue("reports").build()
 * }</pre>
 *
 * Arguments must be JSON-compatible: maps with string keys, lists, strings, numbers, booleans and null.
 * Unset fields take the task's defaults: its queue, its ranker's priority, its retry limit and timeout.
 *
 * @param allowUnknownTask enqueue even when no node knows the task (not registered in code on this node, not
 *                         defined at runtime, not run by any node in the nodes table), e.g. for a remote worker
 *                         that pops its queue; otherwise such a request is refused with {@link
 *                         io.hourglass.UnknownTaskException}, since nothing would ever run the job
 * @param expiresAfter     a job not started within this long after its due time is not run: it ends
 *                         {@link JobState#EXPIRED}; null for the task's setting (none by default)
 * @param cell             the matrix combination the job runs for ({@link Job#cell}), "" for none: what a retried
 *                         copy of a matrix schedule's job keeps. It takes no part in the schedule's fire key (the
 *                         copy has no schedule and no fire time), so it never collides with a fire
 */
public record JobRequest(
        String task,
        List<Object> args,
        Map<String, Object> kwargs,
        String queue,
        Integer priority,
        Instant at,
        Duration delay,
        String dedupKey,
        Integer maxAttempts,
        Duration timeout,
        boolean allowUnknownTask,
        Duration expiresAfter,
        String cell) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DEDUP_KEY_LENGTH = 500;

    public JobRequest {
        Names.require("task", task, MAX_NAME_LENGTH);
        Names.optional("queue", queue, MAX_NAME_LENGTH);
        InvalidRequestException.require(at == null || delay == null, "at",
                "give either 'at' or 'delay', not both");
        Instants.requireInRange("at", at);
        InvalidRequestException.require(delay == null || !delay.isNegative(), "delay",
                "must not be negative, was " + delay);
        InvalidRequestException.require(delay == null || delay.compareTo(Durations.MAX) <= 0, "delay",
                "must be " + Durations.RANGE + ", was " + delay);
        Names.optional("dedupKey", dedupKey, MAX_DEDUP_KEY_LENGTH);
        InvalidRequestException.require(maxAttempts == null || maxAttempts >= 1, "maxAttempts",
                "must be at least 1, was " + maxAttempts);
        Durations.requirePositive("timeout", timeout);
        Durations.requirePositive("expiresAfter", expiresAfter);
        cell = cell == null ? "" : cell;
        InvalidRequestException.require(cell.length() <= io.hourglass.schedule.Matrix.MAX_CELL_KEY_CHARS, "cell",
                "must be at most " + io.hourglass.schedule.Matrix.MAX_CELL_KEY_CHARS + " characters, was "
                        + cell.length());
        args = args == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(args));
        kwargs = kwargs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
    }

    /** A request outside any matrix. */
    public JobRequest(String task, List<Object> args, Map<String, Object> kwargs, String queue, Integer priority,
                      Instant at, Duration delay, String dedupKey, Integer maxAttempts, Duration timeout,
                      boolean allowUnknownTask, Duration expiresAfter) {
        this(task, args, kwargs, queue, priority, at, delay, dedupKey, maxAttempts, timeout, allowUnknownTask,
                expiresAfter, "");
    }

    /** Starts a request for the named task, due as soon as possible. */
    public static Builder of(String task) {
        return new Builder(task);
    }

    /** The due time this request asks for, given the current time. */
    public Instant dueAt(Instant now) {
        if (at != null) {
            return at;
        }
        return delay == null ? now : now.plus(delay);
    }

    public static final class Builder {
        private final String task;
        private List<Object> args;
        private Map<String, Object> kwargs;
        private String queue;
        private Integer priority;
        private Instant at;
        private Duration delay;
        private String dedupKey;
        private Integer maxAttempts;
        private Duration timeout;
        private boolean allowUnknownTask;
        private Duration expiresAfter;
        private String cell;

        private Builder(String task) {
            this.task = task;
        }

        /** The positional arguments: each element of {@code value} is one argument. */
        public Builder args(List<?> value) {
            this.args = value == null ? null : new ArrayList<>(value);
            return this;
        }

        /**
         * The positional arguments, one per value: {@code argsOf(List.of(1, 2))} is one argument, a list, where
         * {@code args(List.of(1, 2))} is two.
         */
        public Builder argsOf(Object... values) {
            return args(java.util.Arrays.asList(values));
        }

        /**
         * The positional arguments, one per value, as {@link #argsOf(Object...)}; kept for source compatibility.
         * A single value that is a list or an array is refused: which overload Java picks depends on its static
         * type, so {@code args(list)} and {@code args((Object) list)} would mean different jobs.
         *
         * @throws IllegalArgumentException for a single list or array value; say {@link #args(List)} (its elements
         *         are the arguments) or {@link #argsOf(Object...)} (it is one argument)
         */
        public Builder args(Object... values) {
            if (values != null && values.length == 1
                    && (values[0] instanceof java.util.Collection<?> || values[0] instanceof Object[])) {
                throw new IllegalArgumentException("args(Object...) got a single " + (values[0] instanceof Object[]
                        ? "array" : "collection") + " of task '" + task + "': call args(List) when its elements are"
                        + " the arguments, or argsOf(value) when it is one argument");
            }
            return argsOf(values);
        }

        public Builder kwargs(Map<String, ?> value) {
            this.kwargs = value == null ? null : new LinkedHashMap<>(value);
            return this;
        }

        public Builder queue(String value) {
            this.queue = value;
            return this;
        }

        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        public Builder at(Instant value) {
            this.at = Objects.requireNonNull(value, "at");
            return this;
        }

        public Builder delay(Duration value) {
            this.delay = Objects.requireNonNull(value, "delay");
            return this;
        }

        public Builder dedupKey(String value) {
            this.dedupKey = value;
            return this;
        }

        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** Enqueue even when no node knows the task (see {@link JobRequest#allowUnknownTask}); false by default. */
        public Builder allowUnknownTask(boolean value) {
            this.allowUnknownTask = value;
            return this;
        }

        /** Not run when not started this long after its due time (see {@link JobRequest#expiresAfter}). */
        public Builder expiresAfter(Duration value) {
            this.expiresAfter = value;
            return this;
        }

        /** The matrix combination the job runs for, as its cell key (see {@link JobRequest#cell}). */
        public Builder cell(String value) {
            this.cell = value;
            return this;
        }

        public JobRequest build() {
            return new JobRequest(task, args, kwargs, queue, priority, at, delay, dedupKey, maxAttempts, timeout,
                    allowUnknownTask, expiresAfter, cell);
        }
    }
}
