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
     * The positional argument at {@code index} as {@code type}, with the conversions a JSON round trip calls for
     * (an Integer read as a Long, any number as a Double, an exact 3.0 as an Integer, an enum from its name); a
     * JSON null is null.
     *
     * @throws IllegalArgumentException naming the job, the argument, the expected and the actual type, when there
     *         is no such argument or it cannot be read as {@code type} without loss
     */
    default <T> T arg(int index, Class<T> type) {
        List<Object> args = args();
        String what = "argument " + index + " of job " + jobId();
        if (index < 0 || index >= args.size()) {
            throw new IllegalArgumentException(what + " does not exist: the job has " + args.size()
                    + " positional argument(s)");
        }
        return Arguments.convert(what, args.get(index), type);
    }

    /**
     * The keyword argument {@code name} as {@code type}, converted as {@link #arg(int, Class)} does; a JSON null is
     * null.
     *
     * @throws IllegalArgumentException naming the job, the argument, the expected and the actual type, when the
     *         job has no such keyword argument (see {@link #kwarg(String, Class, Object)} for optional ones) or it
     *         cannot be read as {@code type} without loss
     */
    default <T> T kwarg(String name, Class<T> type) {
        Map<String, Object> kwargs = kwargs();
        String what = "keyword argument '" + name + "' of job " + jobId();
        if (!kwargs.containsKey(name)) {
            throw new IllegalArgumentException(what + " does not exist: the job has " + kwargs.keySet());
        }
        return Arguments.convert(what, kwargs.get(name), type);
    }

    /** The keyword argument {@code name} as {@code type} (see {@link #kwarg(String, Class)}), or {@code fallback}
     * when the job has none or it is null. */
    default <T> T kwarg(String name, Class<T> type, T fallback) {
        Object value = kwargs().get(name);
        return value == null ? fallback : kwarg(name, type);
    }

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
