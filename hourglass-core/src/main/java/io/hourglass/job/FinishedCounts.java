package io.hourglass.job;

import java.time.Instant;
import java.util.Map;

/**
 * How many jobs finished in each final state over a recent window, as a dashboard shows next to the unfinished
 * counts. The store reads the window off its finished-time index newest first and counts at most a cap of jobs,
 * so the cost is bounded however long the history is and however busy the window was: when the cap is reached
 * ({@link #capped()}), the counts cover the newest jobs only, back to {@link #countedFrom()}.
 *
 * @param since       the start of the window asked for
 * @param byState     jobs per final state (states without jobs left out)
 * @param capped      true when the count reached the cap, so older jobs of the window may not have been counted
 * @param countedFrom when the oldest counted job finished: {@code since} or later when capped; null when none
 */
public record FinishedCounts(Instant since, Map<JobState, Long> byState, boolean capped, Instant countedFrom) {
    public FinishedCounts {
        byState = Map.copyOf(byState);
    }

    /** Every job counted, whatever its state. */
    public long total() {
        return byState.values().stream().mapToLong(Long::longValue).sum();
    }
}
