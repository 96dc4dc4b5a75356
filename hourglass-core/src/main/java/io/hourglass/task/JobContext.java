package io.hourglass.task;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What an executor or handler knows of the attempt it runs, and its line back to the engine. */
public interface JobContext {
    long jobId();

    String task();

    String queue();

    /** 1 for the first attempt, 2 for the first retry, and so on. */
    int attempt();

    List<Object> args();

    Map<String, Object> kwargs();

    /**
     * The job's priority: higher runs first. Executors that hand work to a broker pass it on. Defaults to 0 for
     * contexts that do not know it.
     */
    default int priority() {
        return 0;
    }

    /** The dedup key, or null. */
    String dedupKey();

    Instant dueAt();

    /** When this attempt will be stopped as timed out, or null when it has no timeout. */
    Instant deadline();

    /** The sooner of {@code limit} and what is left until the {@link #deadline()}, never negative. */
    default Duration timeLeft(Clock clock, Duration limit) {
        Instant deadline = deadline();
        if (deadline == null) {
            return limit;
        }
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(limit) < 0 ? left : limit;
    }

    /** True once the job was cancelled or timed out; the work should wind down. */
    boolean isStopRequested();

    /** True once somebody cancelled the job (as opposed to a timeout). */
    boolean isCancellationRequested();

    /**
     * Registers an action that stops external work (kill a container, a process). It runs once, on another
     * thread, when the job is cancelled or times out; registered after that, it runs at once.
     */
    void onStop(Runnable action);

    /** Adds to the attempt's captured output; past the configured size, output is dropped and flagged. */
    void appendOutput(CharSequence text);
}
