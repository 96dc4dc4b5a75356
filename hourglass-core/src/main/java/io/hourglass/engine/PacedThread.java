package io.hourglass.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named thread that runs rounds of work whenever its {@link Pacer} wakes it, for the dispatcher and the
 * planner alike. A round decides its own next wake-up ({@link #wakeAt}); a round that throws is logged and tried
 * again after the fallback poll, so a database hiccup never ends the thread. {@link #stop()} ends the loop after
 * the current round and waits for it.
 */
final class PacedThread {
    private static final Logger log = LoggerFactory.getLogger(PacedThread.class);

    private final String nodeName;
    private final String work;
    private final Clock clock;
    private final Duration retryAfter;
    private final Runnable round;
    private final Pacer pacer;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param work       what a round does, for the log ("dispatch round", "planning schedules")
     * @param retryAfter how long after a failed round to try again
     */
    PacedThread(String threadName, String nodeName, String work, Clock clock, Duration retryAfter, Runnable round) {
        this.nodeName = nodeName;
        this.work = work;
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.round = round;
        this.pacer = new Pacer(clock);
        this.thread = NamedThreads.single(threadName).newThread(this::loop);
    }

    /** Starts the thread with a round at once. */
    void start() {
        pacer.wakeNow();
        thread.start();
    }

    /** Ends the loop; returns once the thread has finished its round. */
    void stop() {
        running = false;
        pacer.close();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** False once {@link #stop()} was called: long rounds check it between batches. */
    boolean isRunning() {
        return running;
    }

    void wakeAt(Instant time) {
        pacer.wakeAt(time);
    }

    void wakeNow() {
        pacer.wakeNow();
    }

    private void loop() {
        try {
            while (running && pacer.await()) {
                try {
                    round.run();
                } catch (RuntimeException e) {
                    log.error("{}: {} failed; trying again in {}", nodeName, work, retryAfter, e);
                    pacer.wakeAt(clock.instant().plus(retryAfter));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
