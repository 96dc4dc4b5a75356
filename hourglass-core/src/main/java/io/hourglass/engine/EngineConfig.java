package io.hourglass.engine;

import io.hourglass.executor.ExecutorType;
import io.hourglass.executor.Secrets;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings an {@link Engine} runs with, already checked by {@code HourglassBuilder}: every value here is valid.
 *
 * @param tasks               the tasks registered in code, by name
 * @param executorTypes       the executor types this node builds defined tasks with, by name
 * @param secrets             what {@code ${secret:NAME}} in a defined task's settings stands for on this node
 * @param workerThreads       attempts this node runs at once; 0 for a node that runs no work
 * @param completionBatchSize at most this many completions are written in one store call
 * @param prefetch            at most this many claimed jobs wait in this node for a free worker thread, so claims
 *                            come in batches under load instead of one per freed thread
 * @param claimAhead          jobs are claimed this long before their due time and held under lease until it
 *                            (see {@link StartTimer}); zero claims only due jobs
 * @param listeners           told what the node does, for metrics (see {@link EngineListener})
 * @param feedReader          reads feeds for the built-in poll task, or null for a node that polls none
 */
public record EngineConfig(
        Store store,
        Clock clock,
        String nodeName,
        int workerThreads,
        Map<String, Task> tasks,
        Map<String, ExecutorType> executorTypes,
        Secrets secrets,
        int claimBatchSize,
        Duration leaseDuration,
        Duration heartbeatInterval,
        Duration pollInterval,
        Duration misfireGrace,
        int maxOutputChars,
        Duration historyRetention,
        int completionBatchSize,
        int prefetch,
        Duration claimAhead,
        List<EngineListener> listeners,
        io.hourglass.feed.FeedReader feedReader) {

    public EngineConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nodeName, "nodeName");
        tasks = Map.copyOf(tasks);
        executorTypes = Map.copyOf(executorTypes);
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(claimAhead, "claimAhead");
        listeners = List.copyOf(listeners);
    }

    /** True when this node claims and runs work itself: it has threads, and tasks now or defined later. */
    boolean runsWork() {
        return workerThreads > 0 && (!tasks.isEmpty() || !executorTypes.isEmpty() || feedReader != null);
    }
}
