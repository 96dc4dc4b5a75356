package io.hourglass.http;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends a blocking {@code HttpClient.send} (a webhook's, a feed poll's) by interrupting its thread, which makes the
 * JDK client abort the exchange: at the call's deadline (the whole call, body included; the request timeout covers
 * only the wait for the headers) and when the job is asked to stop. Only while the call is open: interrupt and
 * {@link #close} share a lock, so a stop or a deadline that comes late never interrupts whatever the thread does
 * next. One daemon thread, "hourglass-http-deadlines", keeps the deadlines of every call in the JVM; a call
 * that ends in time cancels its deadline, which removes it from that thread's queue.
 */
final class CallInterrupter implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final Thread caller = Thread.currentThread();
    private final ScheduledFuture<?> deadline;
    // @GuardedBy("this")
    private boolean open = true;
    private volatile boolean expired;

    /** Opens a call on the current thread that may last {@code timeout} (positive). */
    CallInterrupter(Duration timeout) {
        this.deadline = DEADLINES.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Interrupts the call if it is still open; a stop action, run on another thread. */
    synchronized void interrupt() {
        if (open) {
            caller.interrupt();
        }
    }

    /** True once the deadline passed while the call was open. */
    boolean expired() {
        return expired;
    }

    @Override
    public void close() {
        synchronized (this) {
            open = false;
        }
        deadline.cancel(false);
        if (expired) {
            Thread.interrupted(); // ours, not a stop's: the call that outlived its deadline is over
        }
    }

    private synchronized void expire() {
        if (open) {
            expired = true;
            caller.interrupt();
        }
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hourglass-http-deadlines");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
