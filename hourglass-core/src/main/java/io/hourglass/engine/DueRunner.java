package io.hourglass.engine;

import io.hourglass.job.Job;
import io.hourglass.store.Incarnation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs what is due now to its end, when the caller asks: the parts a started node runs on paced threads (the
 * planner's fire of due schedules, the dispatcher's claim, the worker pool, the completer's writes, the lease
 * reaper and the expiry sweep) called one after another, for a node that is not started. hourglass-testing's
 * {@code HourglassTestKit} drives nodes this way: nothing here parks or polls, so what runs depends only on the
 * clock and the store, and a test that moves a manual clock decides exactly what is due.
 *
 * <p>A call repeats rounds of plan, claim, run, write until a round claims nothing, so a retry due at once, or a
 * job an attempt enqueued for now, runs in the same call; a retry with a backoff waits until the clock reaches it.
 * Attempts run on the pool's worker threads, with their timeouts and cancellation as on a started node, and each
 * round waits for them before writing their ends. Calls are serialised by {@link EngineLifecycle}.
 */
final class DueRunner {
    /** Rounds one call runs at most: more means attempts keep making work due at once (a task enqueuing itself). */
    static final int MAX_ROUNDS = 1000;

    private final EngineConfig config;
    private final TaskEditor taskEditor;
    private final Completer completer;
    private final WorkerPool pool;
    private final Dispatcher dispatcher;
    private final Planner planner;
    private final LeaseReaper reaper;
    private final JobExpiry expiry;
    /** The jobs the current round claimed; written by the dispatcher's round, which runs on the caller's thread. */
    private final List<Job> claimed = new ArrayList<>();

    DueRunner(EngineConfig config, TaskRegistry tasks, TaskEditor taskEditor, RetryDecision retry, JobFactory jobs,
              EngineEvents events) {
        this.config = config;
        this.taskEditor = taskEditor;
        Incarnation incarnation = Incarnation.start(config.nodeName());
        if (config.runsWork()) {
            this.completer = new Completer(config.store(), config.nodeName(), config.completionBatchSize(),
                    retryAt -> { }, events);
            this.pool = new WorkerPool(config, tasks, retry, completer, () -> { });
            this.dispatcher = new Dispatcher(config, incarnation.owner(), tasks, pool, events, batch -> {
                taskEditor.syncForClaimed(batch);
                claimed.addAll(batch);
            }, Duration.ZERO); // runs what is due by the clock, nothing ahead of it
        } else {
            this.completer = null;
            this.pool = null;
            this.dispatcher = null;
        }
        this.planner = new Planner(config, jobs, () -> { }, events);
        this.reaper = new LeaseReaper(config, retry, () -> { }, events);
        this.expiry = new JobExpiry(config);
    }

    /**
     * Plans, claims, runs and completes what is due by the clock, round after round, until nothing more is.
     *
     * @param wait how long a round waits for its attempts to end
     * @return the jobs as claimed (state running, {@code attempts} the attempt that ran), in claim order; a job
     *     retried within the call appears once per attempt
     * @throws IllegalStateException when attempts are still running after {@code wait}, or after
     *     {@link #MAX_ROUNDS} rounds that each found work due
     */
    List<Job> runDue(Duration wait) {
        taskEditor.sync();
        reaper.reap();
        expiry.sweep();
        List<Job> ran = new ArrayList<>();
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            planner.planDueSchedules();
            if (dispatcher == null) {
                return ran;
            }
            claimed.clear();
            dispatcher.dispatchRound();
            if (claimed.isEmpty()) {
                return ran;
            }
            awaitAttempts(wait);
            completer.writeSubmitted();
            ran.addAll(claimed);
        }
        throw new IllegalStateException("node '" + config.nodeName() + "': runDue ran " + MAX_ROUNDS
                + " rounds and work was still due at " + config.clock().instant()
                + " (does a task enqueue jobs due at once, or retry without a backoff, for ever?); last round ran jobs "
                + ids(claimed));
    }

    /** Stops a job running here at once (cancelled); false when it does not run here. */
    boolean cancelLocally(long jobId) {
        return pool != null && pool.cancel(jobId);
    }

    /**
     * Lets attempts still running (after a round gave up waiting) finish within {@code grace}, writes what ended and
     * ends the threads; an attempt still running then is left to the lease reaper of whoever uses the store next.
     */
    void close(Duration grace) {
        planner.stop();
        if (dispatcher != null) {
            dispatcher.stop();
            try {
                pool.awaitIdle(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            completer.writeSubmitted();
            pool.shutdown();
        }
    }

    private void awaitAttempts(Duration wait) {
        boolean idle;
        try {
            idle = pool.awaitIdle(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("node '" + config.nodeName() + "': interrupted while runDue waited for"
                    + " the attempts of jobs " + ids(claimed), e);
        }
        if (!idle) {
            completer.writeSubmitted();
            throw new IllegalStateException("node '" + config.nodeName() + "': attempts of jobs " + ids(claimed)
                    + " still running after runDue waited " + wait + " (a handler that does not return, or waits"
                    + " for something the test never does?)");
        }
    }

    private static List<Long> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).toList();
    }
}
