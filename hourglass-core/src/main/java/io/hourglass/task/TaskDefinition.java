package io.hourglass.task;

import io.hourglass.InvalidRequestException;
import io.hourglass.internal.Names;
import io.hourglass.job.JobRequest;
import io.hourglass.queue.RankerSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A task defined at runtime, as data: which executor runs it and with what settings, plus the task's queue, retry
 * policy, timeout and ranker. Definitions are stored, so every node of a cluster learns them, and a node builds
 * the task from one with the {@link io.hourglass.executor.ExecutorType} of the same name, if it has it.
 *
 * <p>A definition with the executor {@link #REMOTE} describes a task that remote workers run (they pop its
 * queue): no node runs it, but its queue, ranker, retry policy and timeout apply to its jobs as for any task.
 *
 * <p>Tasks registered in code ({@link Task}) cannot be redefined this way: the code is their definition.
 *
 * @param executor  the executor type's name: {@code container}, {@code webhook}, {@code shell}, {@code celery},
 *                  or {@link #REMOTE} (no settings)
 * @param settings  the executor's settings, JSON-shaped values (strings, numbers, booleans, lists, maps)
 * @param timeout   null for none
 * @param outcomeRules applied to each attempt's result before its retry is decided (see {@link OutcomeRules})
 * @param expiresAfter jobs not started within this long after their due time are not run; null for never
 * @param version   1 for a new definition, raised by one on each update; set by the store
 * @param updatedAt when it was last saved; set by the engine
 */
public record TaskDefinition(
        String name,
        String executor,
        Map<String, Object> settings,
        String queue,
        RetryPolicy retryPolicy,
        Duration timeout,
        RankerSpec ranker,
        OutcomeRules outcomeRules,
        Duration expiresAfter,
        long version,
        Instant updatedAt) {

    /**
     * The executor of tasks run by remote workers only. It takes no settings, and no {@link
     * io.hourglass.executor.ExecutorType} may take the name.
     */
    public static final String REMOTE = "remote";

    /** Task names: what fits in a URL path segment and a log line without quoting. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

    public TaskDefinition {
        InvalidRequestException.require(name != null && NAME.matcher(name).matches(), "name",
                "must be 1-200 letters, digits, '.', '_', ':' or '-', starting with a letter or digit, was '"
                        + name + "'");
        InvalidRequestException.require(executor != null && !executor.isBlank(), "executor",
                "task '" + name + "': must name an executor");
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        InvalidRequestException.require(!REMOTE.equals(executor) || settings.isEmpty(), "settings",
                "task '" + name + "': the remote executor takes no settings (workers decide how to run it), was "
                        + settings.keySet());
        queue = queue == null ? Task.DEFAULT_QUEUE : queue;
        Names.require("queue", queue, JobRequest.MAX_NAME_LENGTH);
        retryPolicy = retryPolicy == null ? RetryPolicy.DEFAULT : retryPolicy;
        InvalidRequestException.require(timeout == null || (!timeout.isNegative() && !timeout.isZero()), "timeout",
                "task '" + name + "': must be positive, was " + timeout);
        ranker = ranker == null ? RankerSpec.DEFAULT : ranker;
        outcomeRules = outcomeRules == null ? OutcomeRules.NONE : outcomeRules;
        io.hourglass.internal.Durations.requirePositive("expiresAfter", expiresAfter);
    }

    /** A new definition with the default queue, retry policy and ranker, no timeout. */
    public static TaskDefinition of(String name, String executor, Map<String, Object> settings) {
        return new TaskDefinition(name, executor, settings, null, null, null, null, null, null, 0, null);
    }

    public TaskDefinition withSettings(Map<String, Object> value) {
        return new TaskDefinition(name, executor, value, queue, retryPolicy, timeout, ranker, outcomeRules, expiresAfter,
                version, updatedAt);
    }

    public TaskDefinition withQueue(String value) {
        return new TaskDefinition(name, executor, settings, value, retryPolicy, timeout, ranker, outcomeRules, expiresAfter, version,
                updatedAt);
    }

    public TaskDefinition withRetryPolicy(RetryPolicy value) {
        return new TaskDefinition(name, executor, settings, queue, value, timeout, ranker, outcomeRules, expiresAfter, version,
                updatedAt);
    }

    public TaskDefinition withTimeout(Duration value) {
        return new TaskDefinition(name, executor, settings, queue, retryPolicy, value, ranker, outcomeRules, expiresAfter, version,
                updatedAt);
    }

    public TaskDefinition withRanker(RankerSpec value) {
        return new TaskDefinition(name, executor, settings, queue, retryPolicy, timeout, value, outcomeRules, expiresAfter, version,
                updatedAt);
    }

    public TaskDefinition withOutcomeRules(OutcomeRules value) {
        return new TaskDefinition(name, executor, settings, queue, retryPolicy, timeout, ranker, value, expiresAfter,
                version, updatedAt);
    }

    public TaskDefinition withExpiresAfter(Duration value) {
        return new TaskDefinition(name, executor, settings, queue, retryPolicy, timeout, ranker, outcomeRules, value,
                version, updatedAt);
    }

    /** True for a task that remote workers run, and no node. */
    public boolean isRemote() {
        return REMOTE.equals(executor);
    }

    /** As saved: with the store's version and the save time. */
    public TaskDefinition saved(long newVersion, Instant at) {
        return new TaskDefinition(name, executor, settings, queue, retryPolicy, timeout, ranker, outcomeRules, expiresAfter,
                newVersion, at);
    }
}
