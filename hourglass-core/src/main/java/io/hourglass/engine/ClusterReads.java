package io.hourglass.engine;

import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.Stats;
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
 * stays about changes. Every count comes from one grouped query in the store, exact however many jobs there are.
 */
final class ClusterReads {
    private final Store store;

    ClusterReads(Store store) {
        this.store = store;
    }

    List<Node> nodes() {
        return store.findNodes();
    }

    Map<String, Map<JobState, Long>> jobCountsByQueue() {
        return store.countJobsByQueueAndState();
    }

    JobActivity jobActivity() {
        return store.readJobActivity();
    }

    Map<String, Map<JobState, Long>> jobCountsByQueue(java.util.Set<JobState> states) {
        InvalidRequestException.require(states != null && !states.isEmpty(), "states", "must name at least one state");
        return store.countJobsByQueueAndState(states);
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
