package io.hourglass.engine;

import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.Stats;
import io.hourglass.job.FinishedCounts;
import io.hourglass.job.JobActivity;
import io.hourglass.job.JobState;
import io.hourglass.store.Node;
import io.hourglass.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's read-only views of the whole cluster (nodes, job counts, stats), kept out of {@link Engine} so it
 * stays about changes. Every count comes from grouped queries in the store: exact for the states asked for, and
 * bounded by a cap for the recently finished jobs.
 */
final class ClusterReads {
    private final Store store;

    ClusterReads(Store store) {
        this.store = store;
    }

    List<Node> nodes() {
        return store.findNodes();
    }

    JobActivity jobActivity() {
        return store.readJobActivity();
    }

    Map<String, Map<JobState, Long>> jobCountsByQueue(java.util.Set<JobState> states) {
        InvalidRequestException.require(states != null && !states.isEmpty(), "states", "must name at least one state");
        return store.countJobsByQueueAndState(states);
    }

    FinishedCounts finishedJobCounts(Instant since, int cap) {
        InvalidRequestException.require(since != null, "since", "must not be null");
        InvalidRequestException.require(cap >= 1 && cap <= HourglassClient.MAX_FINISHED_COUNTED, "cap",
                "must be between 1 and " + HourglassClient.MAX_FINISHED_COUNTED + ", was " + cap);
        return store.countFinishedSince(since, cap);
    }

    Stats stats(Instant from, Instant to, Duration bucket) {
        InvalidRequestException.require(from != null, "from", "must not be null");
        InvalidRequestException.require(to != null, "to", "must not be null");
        InvalidRequestException.require(from.isBefore(to), "to", "must be after from (" + from + "), was " + to);
        InvalidRequestException.require(bucket != null && bucket.getSeconds() >= 1 && bucket.getNano() == 0,
                "bucket", "must be a whole number of seconds, at least one, was " + bucket);
        long size = bucket.getSeconds();
        long first = Math.floorDiv(from.getEpochSecond(), size);
        long last = Math.floorDiv(to.minusNanos(1).getEpochSecond(), size);
        int max = HourglassClient.MAX_STATS_BUCKETS;
        InvalidRequestException.require(last - first + 1 <= max, "bucket",
                "the range from " + from + " to " + to + " spans " + (last - first + 1) + " buckets of " + bucket
                        + "; at most " + max + " are allowed (use a larger bucket or a shorter range)");
        Map<JobState, Long> byState = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            byState.put(state, 0L);
        }
        store.countJobsByQueueAndState().values().forEach(counts ->
                counts.forEach((state, count) -> byState.merge(state, count, Long::sum)));
        return new Stats(from, to, bucket, byState, store.countAttempts(from, to, bucket));
    }
}
