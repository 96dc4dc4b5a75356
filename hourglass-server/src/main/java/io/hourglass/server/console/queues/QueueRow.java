package io.hourglass.server.console.queues;

import io.hourglass.job.JobState;
import io.hourglass.queue.QueueConfig;
import java.util.List;
import java.util.Map;

/**
 * A queue as the console shows it: its settings and its load now (depth: scheduled jobs waiting, due or not;
 * running), from one grouped count per state ({@code HourglassClient.jobCountsByQueue(COUNTED)}).
 */
public record QueueRow(String name, boolean paused, Integer concurrency, Integer maxSize, long depth, long running) {
    /** The states a row counts: {@code HourglassClient.jobCountsByQueue(COUNTED)} reads only their indexes. */
    public static final java.util.Set<JobState> COUNTED = java.util.EnumSet.of(JobState.SCHEDULED, JobState.RUNNING);

    public static List<QueueRow> of(List<QueueConfig> queues, Map<String, Map<JobState, Long>> counts) {
        return queues.stream().map(q -> {
            Map<JobState, Long> c = counts.getOrDefault(q.name(), Map.of());
            return new QueueRow(q.name(), q.paused(), q.concurrency(), q.maxSize(),
                    c.getOrDefault(JobState.SCHEDULED, 0L), c.getOrDefault(JobState.RUNNING, 0L));
        }).toList();
    }
}
