package io.hourglass.bench;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.JobExecutor;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.task.JobContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The parts the workloads share: bulk enqueue, a paced enqueue of jobs due a little
 * later, waiting for the engine to finish, counting attempt outcomes, and latency percentiles in milliseconds.
 * Burst runs (and {@link BurnDown}) enqueue with the engine stopped and then start it, so the figure is the
 * engine plus the executor draining a backlog, not the enqueue rate.
 */
final class ExecutorRuns {
    private static final int ENQUEUE_CHUNK = 1000;

    private ExecutorRuns() {
    }

    /** Enqueues {@code jobs} requests in chunks of 1000; returns the seconds it took. */
    static double enqueueInChunks(Hourglass hourglass, int jobs, IntFunction<JobRequest> request) {
        return enqueueInChunks(hourglass, jobs, ENQUEUE_CHUNK, request);
    }

    /** Enqueues {@code jobs} requests in calls of {@code size}; returns the seconds it took. */
    static double enqueueInChunks(Hourglass hourglass, int jobs, int size, IntFunction<JobRequest> request) {
        long start = System.nanoTime();
        for (int done = 0; done < jobs; done += size) {
            List<JobRequest> chunk = new ArrayList<>(size);
            for (int i = done; i < Math.min(jobs, done + size); i++) {
                chunk.add(request.apply(i));
            }
            hourglass.enqueueAll(chunk);
        }
        return seconds(System.nanoTime() - start);
    }

    /**
     * Enqueues {@code rate} jobs a second for {@code seconds}, each built from the instant it is due (the time of
     * enqueueing plus {@code lead}), one at a time as a client would.
     */
    static void enqueuePaced(Hourglass hourglass, int rate, int seconds, Duration lead, Clock clock,
                             Function<Instant, JobRequest> request) {
        long begin = System.nanoTime();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        for (int i = 0; i < rate * seconds; i++) {
            long wait = begin + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            hourglass.enqueue(request.apply(clock.instant().plus(lead)));
        }
    }

    /** Waits until {@code done} holds and no job is scheduled or running, or the timeout passes; true if done. */
    static boolean awaitFinished(Hourglass hourglass, BooleanSupplier done, long timeoutSeconds) {
        return awaitNone(hourglass, EnumSet.of(JobState.SCHEDULED, JobState.RUNNING), done, timeoutSeconds);
    }

    /**
     * Waits until {@code done} holds and no job is in one of the states (e.g. only running, beside jobs pending in
     * the future), or the timeout passes; true if done.
     */
    static boolean awaitNone(Hourglass hourglass, Set<JobState> states, BooleanSupplier done, long timeoutSeconds) {
        JobQuery unfinished = JobQuery.all().withStates(states).withLimit(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean() && hourglass.jobs(unfinished).items().isEmpty()) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return false;
    }

    /** Puts p50/p90/p99/max of a microsecond histogram into the result as milliseconds. */
    static void putLatency(Map<String, Object> result, Histogram micros) {
        result.put("p50_ms", millis(micros.getValueAtPercentile(50)));
        result.put("p90_ms", millis(micros.getValueAtPercentile(90)));
        result.put("p99_ms", millis(micros.getValueAtPercentile(99)));
        result.put("max_ms", millis(micros.getMaxValue()));
    }

    static String latencyLine(Histogram micros) {
        return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%,d samples)",
                millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(90)),
                millis(micros.getValueAtPercentile(99)), millis(micros.getMaxValue()), micros.getTotalCount());
    }

    static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Epoch microseconds of an instant, the unit the receivers and the Celery app compare in. */
    static long epochMicros(Instant instant) {
        return TimeUnit.SECONDS.toMicros(instant.getEpochSecond()) + instant.getNano() / 1000;
    }

    /** Wraps an executor and counts the outcomes of its attempts, so a run can tell "all succeeded" apart. */
    static final class CountingExecutor implements JobExecutor {
        private final JobExecutor delegate;
        private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);

        CountingExecutor(JobExecutor delegate) {
            this.delegate = delegate;
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome, new LongAdder());
            }
        }

        @Override
        public ExecutionResult execute(JobContext context) throws Exception {
            ExecutionResult result = delegate.execute(context);
            outcomes.get(result.outcome()).increment();
            return result;
        }

        /** Attempts finished so far, whatever their outcome. */
        long attempts() {
            return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
        }

        /** Non-zero outcome counts by wire name, e.g. {@code {"succeeded": 20000}}. */
        Map<String, Long> summary() {
            Map<String, Long> counts = new LinkedHashMap<>();
            outcomes.forEach((outcome, count) -> {
                if (count.sum() > 0) {
                    counts.put(outcome.name().toLowerCase(Locale.ROOT), count.sum());
                }
            });
            return counts;
        }
    }
}
