package io.hourglass.engine;

import io.hourglass.job.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Holds jobs claimed ahead of their due time (see {@code HourglassBuilder#claimAhead}) and starts each at its due
 * time by the clock, on one thread ("hourglass-starter") that parks on its {@link Pacer} until the earliest.
 *
 * <p>Why: the claim is a database round trip and a commit, and under load it is the start latency's tail (the
 * profile in docs/benchmarks.md). A job claimed a little ahead is already this node's, under its lease, when it
 * comes due, so what is left between due time and start is this thread's wake-up and the hand-off to a worker.
 * A held job is leased like a running one: the node's heartbeat renews it, a crash re-runs it after the lease
 * expires, a cancel takes it out of here ({@link #remove}) before it starts.
 *
 * <p>The thread starts with the first held job, so a node that never claims ahead has none; while nothing is held
 * it parks without a timeout.
 */
final class StartTimer {
    /** A held job and what starts it (the task as it was at the claim, like a job waiting for a thread). */
    private record Held(Job job, Runnable start) {
    }

    private static final Comparator<Held> EARLIEST = Comparator.comparing((Held held) -> held.job().dueAt())
            .thenComparingLong(held -> held.job().id());

    private final Clock clock;
    private final PacedThread thread;
    private final Object lock = new Object();
    // @GuardedBy("lock")
    private final PriorityQueue<Held> held = new PriorityQueue<>(EARLIEST);
    // @GuardedBy("lock")
    private boolean started;

    StartTimer(String nodeName, Clock clock, Duration retryAfter) {
        this.clock = clock;
        this.thread = new PacedThread("hourglass-starter", nodeName, "starting jobs claimed ahead", clock, retryAfter,
                this::startDue);
    }

    /** Holds a claimed job until its due time, then runs {@code start} on the starter thread. */
    void hold(Job job, Runnable start) {
        synchronized (lock) {
            held.add(new Held(job, start));
            if (!started) {
                started = true;
                thread.start();
            }
        }
        thread.wakeAt(job.dueAt());
    }

    /** Takes a held job out before it starts (it was cancelled); null when it is not held here. */
    Job remove(long jobId) {
        synchronized (lock) {
            for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
                Held next = it.next();
                if (next.job().id() == jobId) {
                    it.remove();
                    return next.job();
                }
            }
            return null;
        }
    }

    /** Takes every held job out, earliest first (the node is stopping); none of them starts. */
    List<Job> removeAll() {
        synchronized (lock) {
            List<Job> all = new ArrayList<>(held.size());
            while (!held.isEmpty()) {
                all.add(held.poll().job());
            }
            return all;
        }
    }

    /** Ends the thread; held jobs stay held (take them out first with {@link #removeAll}). */
    void stop() {
        thread.stop();
    }

    /** A round: starts what the clock has reached, then parks until the next held due time. */
    private void startDue() {
        Instant now = clock.instant();
        List<Held> due = new ArrayList<>();
        Instant next;
        synchronized (lock) {
            while (!held.isEmpty() && !held.peek().job().dueAt().isAfter(now)) {
                due.add(held.poll());
            }
            next = held.isEmpty() ? null : held.peek().job().dueAt();
        }
        for (Held job : due) {
            job.start().run();
        }
        if (next != null) {
            thread.wakeAt(next);
        }
    }
}
