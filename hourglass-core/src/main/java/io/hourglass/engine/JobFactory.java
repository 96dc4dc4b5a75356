package io.hourglass.engine;

import io.hourglass.job.JobRequest;
import io.hourglass.queue.Ranker;
import io.hourglass.schedule.Schedule;
import io.hourglass.store.NewJob;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import io.hourglass.internal.Instants;
import io.hourglass.schedule.Matrix;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves what a job request or a schedule's fire time leaves open, from the task's rules (registered in code or
 * defined at runtime): the queue (the task's default), the priority (the task's ranker). Unknown tasks may still
 * be enqueued when the request allows it (a remote worker runs them); they get {@link Task#DEFAULT_QUEUE} and
 * priority 0.
 * Timeout and retry limit stay per-job overrides: null means "the task's", decided when the job runs. The expiry
 * is fixed here, as an instant: the request's (or schedule's) {@code expiresAfter}, else the task's, after the due
 * time.
 */
final class JobFactory {
    static final int UNKNOWN_TASK_PRIORITY = 0;

    private final TaskRegistry tasks;
    private final Store store;

    JobFactory(TaskRegistry tasks, Store store) {
        this.tasks = tasks;
        this.store = store;
    }

    NewJob fromRequest(JobRequest request, Instant now) {
        TaskRegistry.Rules task = tasks.rules(request.task());
        Instant dueAt = request.dueAt(now);
        String queue = request.queue() != null ? request.queue() : defaultQueue(task);
        int priority = request.priority() != null ? request.priority()
                : rank(task, request.task(), request.dedupKey(), dueAt, now);
        return new NewJob(request.task(), queue, priority, request.args(), request.kwargs(), request.dedupKey(),
                dueAt, now, request.maxAttempts(), request.timeout(), null, null, request.cell(),
                expiresAt(request.expiresAfter(), task, dueAt));
    }

    /** The jobs of one fire time: one per cell of the schedule's matrix (one when it has none), in matrix order. */
    List<NewJob> fromSchedule(Schedule schedule, Instant fireAt, Instant dueAt, Instant now) {
        TaskRegistry.Rules task = tasks.rules(schedule.task());
        String queue = schedule.queue() != null ? schedule.queue() : defaultQueue(task);
        int priority = schedule.priority() != null ? schedule.priority()
                : rank(task, schedule.task(), null, dueAt, now);
        Instant expiresAt = expiresAt(schedule.expiresAfter(), task, dueAt);
        List<Map<String, Object>> cells = schedule.cells();
        List<NewJob> jobs = new ArrayList<>(cells.size());
        for (Map<String, Object> cell : cells) {
            Map<String, Object> kwargs = schedule.kwargs();
            if (!cell.isEmpty()) {
                kwargs = new LinkedHashMap<>(schedule.kwargs());
                kwargs.putAll(cell);
            }
            jobs.add(new NewJob(schedule.task(), queue, priority, schedule.args(), kwargs, null, dueAt, now, null,
                    null, schedule.name(), fireAt, Matrix.cellKey(cell), expiresAt));
        }
        return jobs;
    }

    private static Instant expiresAt(Duration own, TaskRegistry.Rules task, Instant dueAt) {
        Duration after = own != null ? own : task == null ? null : task.expiresAfter();
        if (after == null) {
            return null;
        }
        Instant at = dueAt.plus(after); // due time and expiry are each in range, so this cannot overflow
        return at.isAfter(Instants.MAX) ? Instants.MAX : at;
    }

    private static String defaultQueue(TaskRegistry.Rules task) {
        return task == null ? Task.DEFAULT_QUEUE : task.queue();
    }

    private int rank(TaskRegistry.Rules task, String taskName, String dedupKey, Instant dueAt, Instant now) {
        if (task == null) {
            return UNKNOWN_TASK_PRIORITY;
        }
        Ranker.Input input = new Ranker.Input(taskName, dedupKey, dueAt, now,
                () -> dedupKey == null ? java.util.Optional.empty() : store.lastSuccess(dedupKey));
        return task.ranker().rank(input);
    }
}
