package io.hourglass.engine;

import io.hourglass.job.Job;
import io.hourglass.store.Change;
import io.hourglass.store.Incarnation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A node's threads for {@link Engine}: at most one {@link EngineRun} at a time (each start a fresh one, so a
 * stopped node starts again), or, for a node driven by hand, one {@link DueRunner} and never a run, so two sets
 * of threads never claim for one node. Client operations reach whichever is there through {@link #wake} and
 * {@link #cancelLocally}; with neither, a wake-up is dropped (a start plans and claims everything anyway).
 */
final class EngineLifecycle {
    private final EngineConfig config;
    private final TaskRegistry tasks;
    private final TaskEditor taskEditor;
    private final RetryDecision retry;
    private final JobFactory jobs;
    private final EngineEvents events;
    private final Consumer<Change> changes;
    private final AtomicBoolean listening = new AtomicBoolean();
    private final Object lock = new Object();
    private volatile EngineRun run;
    private volatile DueRunner driven;

    /** @param changes told of the store's changes (other nodes' too) once the node first starts */
    EngineLifecycle(EngineConfig config, TaskRegistry tasks, TaskEditor taskEditor, RetryDecision retry,
                    JobFactory jobs, EngineEvents events, Consumer<Change> changes) {
        this.config = config;
        this.tasks = tasks;
        this.taskEditor = taskEditor;
        this.retry = retry;
        this.jobs = jobs;
        this.events = events;
        this.changes = changes;
    }

    boolean start() {
        synchronized (lock) {
            if (driven != null) {
                throw new IllegalStateException("node '" + config.nodeName() + "' is driven by hand (runDue, as"
                        + " HourglassTestKit does), so it does not start threads of its own");
            }
            if (run != null) {
                return false;
            }
            if (listening.compareAndSet(false, true)) {
                config.store().addChangeListener(changes::accept);
            }
            EngineRun started = new EngineRun(config, tasks, taskEditor, retry, jobs, events);
            started.start();
            run = started;
            return true;
        }
    }

    /** Stops the run, or ends a driven node's threads; true when a run was stopped. */
    boolean stop(Duration grace) {
        synchronized (lock) {
            DueRunner drivenNow = driven;
            if (drivenNow != null) {
                driven = null;
                drivenNow.close(grace);
            }
            EngineRun stopping = run;
            if (stopping == null) {
                return false;
            }
            run = null;
            stopping.stop(grace);
            return true;
        }
    }

    List<Job> runDue(Duration wait) {
        synchronized (lock) {
            if (run != null) {
                throw new IllegalStateException("node '" + config.nodeName() + "' is started: its own threads"
                        + " run what is due; runDue drives a node that is not started");
            }
            if (driven == null) {
                driven = new DueRunner(config, tasks, taskEditor, retry, jobs, events);
            }
            return driven.runDue(wait);
        }
    }

    boolean isRunning() {
        return run != null;
    }

    Optional<Incarnation> incarnation() {
        EngineRun current = run;
        return current == null ? Optional.empty() : Optional.of(current.incarnation());
    }

    /** Hands a wake-up to the run, when there is one. */
    void wake(Consumer<EngineRun> action) {
        EngineRun current = run;
        if (current != null) {
            action.accept(current);
        }
    }

    /** Stops a job running on this node at once (cancelled), whether started or driven by hand. */
    void cancelLocally(long jobId) {
        EngineRun current = run;
        DueRunner drivenNow = driven;
        if (current != null) {
            current.cancelLocally(jobId);
        } else if (drivenNow != null) {
            drivenNow.cancelLocally(jobId);
        }
    }
}
