package io.hourglass.engine;

import io.hourglass.store.Change;
import io.hourglass.store.Incarnation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of one start-to-stop run of a node, wired together. A node that runs work has the dispatcher,
 * worker pool and completer; every started node plans schedules, heartbeats and reaps expired leases (a
 * client-only node still helps keep the cluster's schedules and leases moving).
 *
 * <p>Each run is a new {@link Incarnation} of the node's name: its claims, heartbeats and completions are fenced on
 * it, and before it claims anything it releases what a previous incarnation of the name left running (that process
 * is gone: this one took its name), so those jobs re-run at once instead of after their leases; if that fails, the
 * lease reaper frees them later.
 *
 * <p>Stopping goes in the order that loses nothing: stop claiming and planning, let running attempts finish
 * within the grace, stop the rest and record them as infra_error due again now (so another node takes them at
 * once instead of after the lease), write every pending completion, then stop heartbeating and leave.
 */
final class EngineRun {
    private static final Logger log = LoggerFactory.getLogger(EngineRun.class);
    static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    static final Duration FIRST_PURGE_AFTER = Duration.ofMinutes(1);

    private final EngineConfig config;
    private final Incarnation incarnation;
    private final Completer completer;
    private final WorkerPool pool;
    private final Dispatcher dispatcher;
    private final Planner planner;
    private final Heartbeater heartbeater;
    private final LeaseReaper reaper;
    private final HistoryPurger purger;
    private final JobExpiry expiry;
    private final Runnable syncTasks;
    private final ScheduledExecutorService housekeeping =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.single("hourglass-housekeeping"));

    EngineRun(EngineConfig config, TaskRegistry tasks, TaskEditor taskEditor, RetryDecision retry, JobFactory jobs,
              EngineEvents events) {
        this.config = config;
        this.incarnation = Incarnation.start(config.nodeName());
        this.syncTasks = taskEditor::sync;
        if (config.runsWork()) {
            this.completer = new Completer(config.store(), config.nodeName(), config.completionBatchSize(),
                    this::wakeDispatcherAt, events);
            this.pool = new WorkerPool(config, tasks, retry, completer, this::slotFreed);
            this.dispatcher = new Dispatcher(config, incarnation.owner(), tasks, pool, events,
                    taskEditor::syncForClaimed, config.claimAhead());
        } else {
            this.completer = null;
            this.pool = null;
            this.dispatcher = null;
        }
        this.planner = new Planner(config, jobs, this::wakeDispatcherNow, events);
        this.heartbeater = new Heartbeater(config, incarnation, pool == null ? Set::of : tasks::names, pool);
        this.reaper = new LeaseReaper(config, retry, this::wakeDispatcherNow, events);
        this.purger = new HistoryPurger(config);
        this.expiry = new JobExpiry(config);
    }

    void start() {
        heartbeater.start();
        guarded("release of previous incarnations", () -> reaper.releasePreviousIncarnations(incarnation));
        if (dispatcher != null) {
            completer.start();
            dispatcher.start();
        }
        planner.start();
        long reapEvery = reapPeriod(config).toMillis();
        housekeeping.scheduleWithFixedDelay(() -> guarded("lease reaper", reaper::reap), 0, reapEvery,
                TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(() -> guarded("job expiry", expiry::sweep), 0, reapEvery,
                TimeUnit.MILLISECONDS);
        // definitions changed while a notification was lost (a reconnecting listener) still arrive within this
        housekeeping.scheduleWithFixedDelay(() -> guarded("task definition sync", syncTasks), 0,
                config.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(() -> guarded("history purge", purger::purge),
                FIRST_PURGE_AFTER.toMillis(), PURGE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How often every node looks for expired leases: half a lease, at least 100 ms. */
    static Duration reapPeriod(EngineConfig config) {
        return Duration.ofMillis(Math.max(100, config.leaseDuration().toMillis() / 2));
    }

    /** This run's incarnation: the owner its jobs carry. */
    Incarnation incarnation() {
        return incarnation;
    }

    void onChange(Change change) {
        switch (change.kind()) {
            case JOBS -> wakeDispatcherAt(change.earliestDue() != null ? change.earliestDue() : Instant.MIN);
            case QUEUES -> wakeDispatcherNow();
            case SCHEDULES -> planner.wakeNow();
            case CANCEL -> heartbeater.beatNow();
            case TASKS -> syncTasksSoon();
        }
    }

    /** Reads the task definitions on the housekeeping thread: never on the store's listener thread. */
    void syncTasksSoon() {
        try {
            housekeeping.execute(() -> guarded("task definition sync", syncTasks));
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // stopping: the next start syncs
        }
    }

    void wakeDispatcherAt(Instant due) {
        if (dispatcher != null) {
            dispatcher.wakeAt(due);
        }
    }

    private void slotFreed() {
        if (dispatcher != null) {
            dispatcher.slotFreed();
        }
    }

    void wakeDispatcherNow() {
        if (dispatcher != null) {
            dispatcher.wakeNow();
        }
    }

    void wakePlanner() {
        planner.wakeNow();
    }

    /** Stops a job running here at once (cancelled); false when it does not run here. */
    boolean cancelLocally(long jobId) {
        return pool != null && pool.cancel(jobId);
    }

    void stop(Duration grace) {
        planner.stop();
        housekeeping.shutdownNow();
        if (dispatcher != null) {
            dispatcher.stop();
            stopWork(grace);
            completer.flushAndStop();
            pool.shutdown();
        }
        heartbeater.stop();
        try {
            config.store().removeNode(incarnation);
        } catch (RuntimeException e) {
            log.warn("{}: could not remove the node from the store; it ages out by its last heartbeat",
                    config.nodeName(), e);
        }
    }

    private void stopWork(Duration grace) {
        boolean idle;
        try {
            idle = pool.awaitIdle(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        if (!idle) {
            List<Long> stopped = pool.stopAllForShutdown();
            log.warn("{}: {} jobs still running after the {} grace were stopped and released for a retry: {}",
                    config.nodeName(), stopped.size(), grace, stopped);
        }
    }

    private void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("{}: {} failed; it runs again on schedule", config.nodeName(), what, e);
        }
    }
}
