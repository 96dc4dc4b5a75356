package io.hourglass.queue;

import io.hourglass.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Computes a job's priority when it is enqueued without an explicit one. Higher runs first; within a priority,
 * earlier due time runs first. Rankers are pure functions of what {@link Input} offers, so they are cheap to test.
 */
@FunctionalInterface
public interface Ranker {

    int rank(Input input);

    /**
     * What a ranker may look at. {@code lastSuccess} is looked up only when a ranker asks for it.
     *
     * @param dedupKey    the job's dedup key, or null
     * @param dueAt       when the job is due
     * @param now         the enqueue time
     * @param lastSuccess when a job with the same dedup key last succeeded, if ever
     */
    record Input(String task, String dedupKey, Instant dueAt, Instant now, Supplier<Optional<Instant>> lastSuccess) {
    }

    /** Every job gets the same priority. The default, with 0. */
    static Ranker fixed(int priority) {
        return input -> priority;
    }

    /**
     * Work that was due long before it was enqueued (a backfill, a late feed item) ranks higher: one point per
     * {@code unit} of lateness at enqueue, up to {@code cap}. Work due now or later gets 0.
     */
    static Ranker ageBased(Duration unit, int cap) {
        requirePositive(unit, cap);
        return input -> scaled(Duration.between(input.dueAt(), input.now()), unit, cap);
    }

    /**
     * Work whose dedup key has gone longest without a success ranks higher: one point per {@code unit} since the
     * last success, up to {@code cap}; never succeeded (or no dedup key) gets {@code cap}. This is how a scan
     * scheduler keeps the stalest targets first.
     */
    static Ranker timeSinceLastSuccess(Duration unit, int cap) {
        requirePositive(unit, cap);
        return input -> {
            if (input.dedupKey() == null) {
                return cap;
            }
            return input.lastSuccess().get()
                    .map(last -> scaled(Duration.between(last, input.now()), unit, cap))
                    .orElse(cap);
        };
    }

    private static int scaled(Duration elapsed, Duration unit, int cap) {
        if (elapsed.isNegative() || elapsed.isZero()) {
            return 0;
        }
        long points = elapsed.toMillis() / unit.toMillis();
        return (int) Math.min(cap, points);
    }

    private static void requirePositive(Duration unit, int cap) {
        InvalidRequestException.require(unit != null && unit.toMillis() >= 1, "unit",
                "must be at least 1 ms, was " + unit);
        InvalidRequestException.require(cap >= 0, "cap", "must not be negative, was " + cap);
    }
}
