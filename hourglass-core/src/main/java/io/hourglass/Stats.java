package io.hourglass;

import io.hourglass.job.JobState;
import io.hourglass.store.OutcomeCount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@link Hourglass#stats} reports: how many jobs are in each state now, and how many attempts ended with
 * each outcome per time bucket within {@code [from, to)}.
 *
 * @param jobsByState every state, with zero for states no job is in
 * @param attempts    non-empty (bucket, outcome) counts, ordered by bucket start, then outcome
 */
public record Stats(Instant from, Instant to, Duration bucket, Map<JobState, Long> jobsByState,
        List<OutcomeCount> attempts) {
    public Stats {
        jobsByState = Map.copyOf(jobsByState);
        attempts = List.copyOf(attempts);
    }
}
