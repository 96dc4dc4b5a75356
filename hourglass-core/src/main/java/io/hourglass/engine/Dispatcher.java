package io.hourglass.engine;

import io.hourglass.job.Job;
import io.hourglass.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Claims due jobs and hands them to the worker pool, on one thread ("hourglass-dispatcher").
 *
 * <p>It never polls in a loop: after each round it parks on its {@link Pacer} until the earliest due job (asked
 * of the store), or the fallback poll interval, whichever is sooner. Anything that may make work claimable wakes
 * it early: a local enqueue (at the new job's due time), a freed worker slot (only when the last round was held
 * back by full slots), a store change from another node, a written completion (a retry may be due). A round
 * claims {@code min(free slots, claimBatchSize)} in one statement and repeats while batches come back full; while
 * claimed jobs still wait for threads it claims no more, unless claiming early keeps the threads fed (see
 * {@link WorkerPool#wantsWork}, which it tells how long claims take). Before claimed jobs start, the definitions
 * of their tasks are brought up to date, so none runs a definition older than the one stored when it was claimed.
 *
 * <p>It claims {@code claimAhead} early: a round takes the jobs due by now plus {@code claimAhead}, and the pool
 * holds those not yet due in its {@link StartTimer} until their due time, so the claim's round trip is over before
 * a job comes due instead of between its due time and its start. Wake-ups are moved earlier by the same amount.
 */
final class Dispatcher {

    private final EngineConfig config;
    private final Store store;
    private final String owner;
    private final Clock clock;
    private final TaskRegistry tasks;
    private final WorkerPool pool;
    private final PacedThread loop;
    private final EngineEvents events;
    private final Consumer<List<Job>> beforeStart;
    private final Duration claimAhead;
    private volatile boolean slotLimited;
    /** Moving average of how long a claim takes, for {@link WorkerPool#wantsWork}; 0 before the first. */
    private volatile long claimNanos;

    /**
     * @param owner what claimed jobs carry: this start's {@link io.hourglass.store.Incarnation#owner()}
     * @param beforeStart runs on each claim's jobs before they start: brings their definitions up to date
     *     ({@link TaskEditor#syncForClaimed})
     * @param claimAhead how long before their due time jobs are claimed; zero claims only what is due
     */
    Dispatcher(EngineConfig config, String owner, TaskRegistry tasks, WorkerPool pool, EngineEvents events,
               Consumer<List<Job>> beforeStart, Duration claimAhead) {
        this.config = config;
        this.owner = owner;
        this.store = config.store();
        this.clock = config.clock();
        this.tasks = tasks;
        this.pool = pool;
        this.events = events;
        this.beforeStart = beforeStart;
        this.claimAhead = claimAhead;
        this.loop = new PacedThread("hourglass-dispatcher", config.nodeName(), "dispatch round", clock,
                config.pollInterval(), () -> scheduleNextRound(dispatchRound()));
    }

    void start() {
        loop.start();
    }

    /** Stops claiming; returns once the thread has finished its round. */
    void stop() {
        loop.stop();
    }

    /** A job may come due at {@code time}: the round that claims it runs {@code claimAhead} before. */
    void wakeAt(Instant time) {
        loop.wakeAt(time.equals(Instant.MIN) ? time : time.minus(claimAhead)); // MIN: at once (MIN minus overflows)
    }

    void wakeNow() {
        loop.wakeNow();
    }

    /** A worker slot was freed: worth a round only if the last one left due work behind for lack of slots. */
    void slotFreed() {
        if (slotLimited) {
            loop.wakeNow();
        }
    }

    /**
     * Claims while slots and due jobs last; returns the time of the last claim, or null when none was made. Also a
     * {@link DueRunner}'s claim, by hand.
     */
    Instant dispatchRound() {
        Instant lastClaim = null;
        while (loop.isRunning()) {
            slotLimited = true; // set before reading the free slots, so a slot freed meanwhile wakes us again
            Set<String> taskNames = tasks.names();
            if (taskNames.isEmpty() || !pool.wantsWork(claimNanos)) {
                return lastClaim;
            }
            int free = pool.freeSlots();
            int limit = Math.min(free, config.claimBatchSize());
            lastClaim = clock.instant();
            long began = System.nanoTime();
            List<Job> claimed = store.claim(owner, lastClaim, lastClaim.plus(claimAhead),
                    lastClaim.plus(config.leaseDuration()), limit, taskNames, null);
            long took = System.nanoTime() - began;
            claimNanos = claimNanos == 0 ? took : claimNanos + (took - claimNanos) / 8;
            events.jobsClaimed(claimed);
            if (!claimed.isEmpty()) {
                beforeStart.accept(claimed);
            }
            for (Job job : claimed) {
                pool.start(job);
            }
            if (claimed.size() < limit) {
                slotLimited = false;
                return lastClaim;
            }
        }
        return lastClaim;
    }

    /**
     * Parks until {@code claimAhead} before the next due job, or the fallback poll. A job that was already due at
     * the last claim and still waits is held back by its queue's concurrency limit (or was locked by another node's
     * claim): waking for it again at once would spin, so we wait for a freed slot, a change, or the poll instead.
     * A job the last claim could have taken ahead and did not (a limited queue's, claimed only when due) is woken
     * for at its due time itself, not ahead, for the same reason. After a claim the next round comes no sooner
     * than half of {@code claimAhead} later: in a steady stream (jobs due a few milliseconds apart) waking
     * {@code claimAhead} before each one claimed them one per round, a claim transaction and a next-due read per
     * job (the soak's database did 6.5 transactions per job); now a round gathers what comes due in half the window,
     * and each job is still claimed at least half of {@code claimAhead} before its due time.
     */
    private void scheduleNextRound(Instant lastClaim) {
        Instant fallback = clock.instant().plus(config.pollInterval());
        if (slotLimited) {
            loop.wakeAt(fallback); // a freed slot wakes us sooner
            return;
        }
        Set<String> taskNames = tasks.names();
        Optional<Instant> nextDue = taskNames.isEmpty() ? Optional.empty() : store.nextDueAt(taskNames);
        if (nextDue.isPresent() && lastClaim != null && !nextDue.get().isAfter(lastClaim)) {
            slotLimited = true;
            loop.wakeAt(fallback);
            return;
        }
        Optional<Instant> wake = nextDue.map(due -> {
            Instant ahead = due.minus(claimAhead);
            if (lastClaim == null) {
                return ahead;
            }
            if (!due.isAfter(lastClaim.plus(claimAhead))) {
                return due; // could have been claimed ahead and was not
            }
            Instant gathered = lastClaim.plus(claimAhead.dividedBy(2));
            return ahead.isAfter(gathered) ? ahead : gathered;
        });
        loop.wakeAt(wake.filter(time -> time.isBefore(fallback)).orElse(fallback));
    }
}
