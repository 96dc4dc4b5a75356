package io.hourglass.engine;

import io.hourglass.internal.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One pending wake-up for one thread, earliest wins (after Caffeine's Pacer). Anybody may ask for a wake-up at a
 * time ({@link #wakeAt}) or at once ({@link #wakeNow}); a later request never postpones an earlier one. The owning
 * thread parks in {@link #await} until the pending time comes, an earlier one is asked for, or it is signalled.
 *
 * <p>Time is the injected clock's: the thread parks for {@code due - clock.instant()} of real time and then looks
 * at the clock again, so a test clock that does not move keeps the thread parked (without spinning). A clock that
 * jumps ahead is noticed at the end of the current park, or at once when it is a {@link MovableClock}: the pacer
 * listens to its moves (until closed) and re-reads it.
 *
 * <p>The park is a {@link Condition#awaitNanos} (LockSupport.parkNanos underneath), precise to tens of
 * microseconds on Linux, not {@code Object.wait(ms, ns)}, which rounds any fraction up to the next whole
 * millisecond: that made every timed wake-up up to a millisecond late (0.4 ms on average in the start-latency
 * profile, docs/benchmarks.md).
 */
final class Pacer {
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // @GuardedBy("lock")
    private Instant pending;
    // @GuardedBy("lock")
    private boolean closed;
    private final MovableClock.Subscription moves;

    Pacer(Clock clock) {
        this.clock = clock;
        this.moves = clock instanceof MovableClock movable ? movable.onMove(this::clockMoved) : null;
    }

    /** The clock jumped: the waiting thread works out its park again from the new time. */
    private void clockMoved() {
        signal(false);
    }

    /** Asks for a wake-up at {@code time}, unless an earlier one is pending. */
    void wakeAt(Instant time) {
        lock.lock();
        try {
            if (pending == null || time.isBefore(pending)) {
                pending = time;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Asks for a wake-up at once. */
    void wakeNow() {
        wakeAt(Instant.MIN);
    }

    /** Wakes the waiting thread for good: every later {@link #await} returns false at once. */
    void close() {
        if (moves != null) {
            moves.cancel();
        }
        signal(true);
    }

    private void signal(boolean close) {
        lock.lock();
        try {
            closed |= close;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The pending wake-up time, or null when none is pending. */
    Instant pending() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Parks until the pending wake-up time has come (and clears it), or until closed.
     *
     * @return true when woken for work, false when closed
     */
    boolean await() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!closed) {
                if (pending == null) {
                    changed.await();
                    continue;
                }
                long waitNanos = pending == Instant.MIN ? 0 : nanosUntil(pending);
                if (waitNanos <= 0) {
                    pending = null;
                    return true;
                }
                changed.awaitNanos(waitNanos);
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    private long nanosUntil(Instant time) {
        Duration wait = Duration.between(clock.instant(), time);
        if (wait.compareTo(Duration.ofDays(1)) > 0) {
            return Duration.ofDays(1).toNanos();
        }
        return wait.toNanos();
    }
}
