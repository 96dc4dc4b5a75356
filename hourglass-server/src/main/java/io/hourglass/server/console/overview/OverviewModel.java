package io.hourglass.server.console.overview;

import io.hourglass.HourglassClient;
import io.hourglass.job.FinishedCounts;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.job.OverdueJob;
import io.hourglass.server.console.queues.QueueRow;
import io.hourglass.server.metrics.StartLatency;
import io.hourglass.store.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the overview shows besides its chart, read in one go through {@link HourglassClient} and by the page and the
 * live updates alike, so a live refresh shows exactly what a reload would. Every read is bounded whatever the
 * history's length, since the live updates repeat it every few seconds while an overview is open: the scheduled and
 * running jobs per queue (one count per state over their partial indexes), the jobs that finished in the last
 * {@link #FINISHED_WINDOW} (the newest {@link #FINISHED_COUNTED} at most, off the finished-time index), one overdue
 * read, one page of failures, queues and nodes. The finished states are not counted over the whole history (kept
 * for the retention period, 30 days by default): that count grew with the history (half a second at a million jobs).
 *
 * @param byState       per state: scheduled and running now, the finished states within {@code finished}'s window
 * @param finished      the window the finished states were counted over, and whether the count reached its cap
 * @param overdue       the overdue count as shown ("1000+" at the read's bound)
 * @param oldestDue     per queue, how long its oldest overdue job has been due (queues with none left out)
 * @param startLatency  this node's start latency percentiles since it started
 */
public record OverviewModel(Map<JobState, Long> byState, FinishedCounts finished, List<QueueRow> queues,
        Map<String, Duration> oldestDue, List<NodeRow> nodes, String overdue, List<Job> failures,
        StartLatency startLatency) {
    /** A node whose last heartbeat is older than this is shown as lost (twice the default 30 s lease). */
    public static final Duration NODE_LOST_AFTER = Duration.ofSeconds(60);
    /** The overdue count reads at most this many jobs; more shows as "1000+". */
    static final int OVERDUE_SHOWN = JobQuery.MAX_LIMIT;
    static final int FAILURES_SHOWN = 10;
    /** The finished states count the jobs that finished this long ago or less (the page says "the last hour"). */
    public static final Duration FINISHED_WINDOW = Duration.ofHours(1);
    /** ...and at most this many of them, the newest first (the page then says from when it counted). */
    public static final int FINISHED_COUNTED = 10_000;

    /** A node as the overview shows it. */
    public record NodeRow(String name, String incarnation, Instant lastHeartbeatAt, boolean alive, int tasks) {
    }

    /** The reads behind the model, shared by the page and the live updates. */
    public record Source(HourglassClient client, Clock clock, Supplier<StartLatency> startLatency) {
        public OverviewModel read() {
            Instant now = clock.instant();
            Map<String, Map<JobState, Long>> counts = client.jobCountsByQueue(QueueRow.COUNTED);
            FinishedCounts finished = client.finishedJobCounts(now.minus(FINISHED_WINDOW), FINISHED_COUNTED);
            Map<JobState, Long> byState = new EnumMap<>(JobState.class);
            for (JobState state : JobState.values()) {
                byState.put(state, finished.byState().getOrDefault(state, 0L));
            }
            counts.values().forEach(c -> c.forEach((state, n) -> byState.merge(state, n, Long::sum)));
            List<OverdueJob> overdue = client.overdue(OVERDUE_SHOWN);
            Map<String, Duration> oldestDue = new HashMap<>();
            for (OverdueJob o : overdue) { // oldest due first: the first of each queue is its oldest
                oldestDue.putIfAbsent(o.job().queue(), Duration.between(o.job().dueAt(), now));
            }
            List<NodeRow> nodes = client.nodes().stream().map(n -> row(n, now)).toList();
            List<Job> failures = client.jobs(JobQuery.all().withStates(EnumSet.of(JobState.FAILED))
                    .withLimit(FAILURES_SHOWN)).items();
            return new OverviewModel(byState, finished, QueueRow.of(client.queues(), counts), oldestDue, nodes,
                    overdue.size() >= OVERDUE_SHOWN ? OVERDUE_SHOWN + "+" : Integer.toString(overdue.size()),
                    failures, startLatency.get());
        }
    }

    /** How long a queue's oldest due job has waited, or null when none of its jobs is overdue. */
    public Duration oldestDue(String queue) {
        return oldestDue.get(queue);
    }

    static NodeRow row(Node node, Instant now) {
        return new NodeRow(node.name(), node.incarnation(), node.lastHeartbeatAt(),
                alive(node.lastHeartbeatAt(), now), node.tasks().size());
    }

    /** Alive: heartbeat seen within {@link #NODE_LOST_AFTER}. */
    public static boolean alive(Instant lastHeartbeatAt, Instant now) {
        return lastHeartbeatAt != null && !lastHeartbeatAt.plus(NODE_LOST_AFTER).isBefore(now);
    }
}
