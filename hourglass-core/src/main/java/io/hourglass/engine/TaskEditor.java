package io.hourglass.engine;

import io.hourglass.ConflictException;
import io.hourglass.InvalidRequestException;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import io.hourglass.job.Job;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Defines and deletes tasks at runtime, and keeps this node's {@link TaskRegistry} in line with the stored
 * definitions. A definition is built (its settings checked by this node's executor type) before it is saved, so
 * a definition the defining node cannot run is refused, not stored; other nodes learn it from the store's TASKS
 * change, or at their next periodic sync, and a node re-reads them before it starts claimed jobs of a defined
 * task whose definition changed ({@link #syncForClaimed}). A definition for remote workers ({@link TaskDefinition#REMOTE}) has
 * nothing to build: it is saved and its rules apply from then on.
 *
 * <p>Deleting is refused while schedules use the task or jobs of it are unfinished: those would wait forever for
 * a node that runs them. The check and the delete are two statements, so a job enqueued between them is possible;
 * it shows in the overdue list, and defining the task again runs it.
 */
final class TaskEditor {
    private static final Logger log = LoggerFactory.getLogger(TaskEditor.class);
    static final long STALE_AFTER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    private final String nodeName;
    private final Store store;
    private final Clock clock;
    private final TaskRegistry tasks;
    private final Runnable wakeDispatcher;
    /**
     * Held across each store write and the registry change that follows it, and across each sync's read and
     * apply: a sync that read the definitions before a local define or delete must not apply that stale list
     * after it (it would drop the task just defined, or bring back the one just deleted).
     */
    private final Object writeAndApply = new Object();
    /** System.nanoTime() of the last sync; 0 before the first. */
    private volatile long lastSync;

    TaskEditor(EngineConfig config, TaskRegistry tasks, Runnable wakeDispatcher) {
        this.nodeName = config.nodeName();
        this.store = config.store();
        this.clock = config.clock();
        this.tasks = tasks;
        this.wakeDispatcher = wakeDispatcher;
    }

    TaskDefinition define(TaskDefinition definition, Long expectedVersion) {
        InvalidRequestException.require(definition != null, "definition", "must not be null");
        tasks.requireNotInCode(definition.name(), "defined");
        if (definition.isRemote()) {
            synchronized (writeAndApply) {
                TaskDefinition saved = store.saveTaskDefinition(definition.saved(definition.version(),
                        clock.instant()), expectedVersion);
                tasks.learnRemote(saved);
                return saved;
            }
        }
        Task built = tasks.build(definition);
        TaskDefinition saved;
        synchronized (writeAndApply) {
            try {
                saved = store.saveTaskDefinition(definition.saved(definition.version(), clock.instant()),
                        expectedVersion);
            } catch (RuntimeException e) {
                TaskRegistry.retire(built);
                throw e;
            }
            tasks.install(saved, built);
        }
        wakeDispatcher.run(); // jobs of the task may already wait
        return saved;
    }

    boolean delete(String name) {
        InvalidRequestException.require(name != null && !name.isBlank(), "name", "task name must not be blank");
        tasks.requireNotInCode(name, "deleted");
        if (store.findTaskDefinition(name).isEmpty()) {
            return false;
        }
        List<String> users = store.findSchedules().stream().filter(s -> s.task().equals(name))
                .map(s -> s.name()).toList();
        if (!users.isEmpty()) {
            throw new ConflictException("task '" + name + "' is used by schedules " + users
                    + "; delete them or point them at another task first");
        }
        if (store.hasUnfinishedJobs(name)) {
            throw new ConflictException("task '" + name + "' has scheduled or running jobs; cancel them or let"
                    + " them finish first");
        }
        synchronized (writeAndApply) {
            boolean deleted = store.deleteTaskDefinition(name);
            tasks.remove(name);
            return deleted;
        }
    }

    /**
     * Syncs unless the last sync is under {@link #STALE_AFTER_NANOS} old: what enqueues on a node that is not
     * started (a client) call, so it applies current definitions at the cost of one read a second at most.
     */
    void syncIfStale() {
        long last = lastSync;
        if (last == 0 || System.nanoTime() - last > STALE_AFTER_NANOS) {
            sync();
        }
    }

    /** Reads every stored definition and builds, replaces or drops this node's defined tasks to match. */
    void sync() {
        boolean changed;
        synchronized (writeAndApply) {
            lastSync = System.nanoTime();
            changed = tasks.sync(store.findTaskDefinitions());
        }
        if (changed) {
            wakeDispatcher.run();
        }
    }

    /**
     * Called with the jobs a claim just returned, before they start: a job of a task defined at runtime runs with
     * the definition that was stored when it was claimed, or a newer one, even when the TASKS change of a
     * redefinition has not reached this node yet (notifications and claims are not ordered: the JOBS change of a
     * job enqueued after the define, a completion or the poll can wake the dispatcher first). The claim saw the
     * job, so it came after the job's enqueue and thus after any define that preceded it; one read of the
     * definitions after the claim therefore sees that define. The read is made only when a claimed job is of a
     * defined task, and the registry is synced only when a stored version differs from the one running here.
     * If the read fails the jobs run with what this node has (the periodic sync catches up), so a claim is never
     * left unstarted.
     */
    void syncForClaimed(List<Job> claimed) {
        Set<String> defined = claimed.stream().map(Job::task).filter(tasks::isDefined).collect(Collectors.toSet());
        if (defined.isEmpty()) {
            return;
        }
        boolean changed;
        try {
            synchronized (writeAndApply) {
                List<TaskDefinition> stored = store.findTaskDefinitions();
                if (tasks.runsStoredVersions(stored, defined)) {
                    return;
                }
                lastSync = System.nanoTime();
                changed = tasks.sync(stored);
            }
        } catch (RuntimeException e) {
            log.warn("{}: could not read the task definitions of claimed jobs of {}; they run with the ones here",
                    nodeName, defined, e);
            return;
        }
        if (changed) {
            wakeDispatcher.run();
        }
    }
}
