package io.hourglass.server.console.overview;

import io.hourglass.HourglassClient;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.queue.QueueConfig;
import io.hourglass.server.auth.Access;
import io.hourglass.server.console.queues.QueueRow;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.hourglass.store.Node;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The console's front page: jobs by state now, the queues with their depth and running count, the nodes alive or
 * lost, how many jobs are overdue, and the latest failures with their error. Everything comes from
 * {@link HourglassClient}: one grouped count for the states and queues, one page of failed jobs, one overdue read.
 */
public final class OverviewPage {
    /** A node whose last heartbeat is older than this is shown as lost (twice the default 30 s lease). */
    public static final Duration NODE_LOST_AFTER = Duration.ofSeconds(60);
    /** The overdue count reads at most this many jobs; more shows as "1000+". */
    static final int OVERDUE_SHOWN = JobQuery.MAX_LIMIT;
    static final int FAILURES_SHOWN = 10;

    /** A node as the overview shows it. */
    public record NodeRow(String name, String incarnation, Instant lastHeartbeatAt, boolean alive, int tasks) {
    }

    private final HourglassClient client;
    private final Pages pages;
    private final Clock clock;

    private OverviewPage(HourglassClient client, Pages pages, Clock clock) {
        this.client = client;
        this.pages = pages;
        this.clock = clock;
    }

    public static void register(Routes routes, HourglassClient client, Pages pages, Clock clock) {
        OverviewPage page = new OverviewPage(client, pages, clock);
        routes.get(pages.base(), Access.CONSOLE_READ, page::show).anyQuery()
                .summary("Console: overview").undocumented();
    }

    private void show(Context ctx) {
        Map<String, Map<JobState, Long>> counts = client.jobCountsByQueue();
        Map<JobState, Long> byState = new EnumMap<>(JobState.class);
        for (JobState state : JobState.values()) {
            byState.put(state, 0L);
        }
        counts.values().forEach(c -> c.forEach((state, n) -> byState.merge(state, n, Long::sum)));
        List<QueueRow> queues = QueueRow.of(client.queues(), counts);
        Instant now = clock.instant();
        List<NodeRow> nodes = client.nodes().stream().map(n -> row(n, now)).toList();
        int overdue = client.overdue(OVERDUE_SHOWN).size();
        List<Job> failures = client.jobs(JobQuery.all().withStates(EnumSet.of(JobState.FAILED))
                .withLimit(FAILURES_SHOWN)).items();
        pages.render(ctx, "overview.jte", Map.of("chrome", pages.chrome(ctx, "Overview", "overview"),
                "byState", byState, "queues", queues, "nodes", nodes,
                "overdue", overdue >= OVERDUE_SHOWN ? OVERDUE_SHOWN + "+" : Integer.toString(overdue),
                "failures", failures));
    }

    private static NodeRow row(Node node, Instant now) {
        boolean alive = node.lastHeartbeatAt() != null
                && !node.lastHeartbeatAt().plus(NODE_LOST_AFTER).isBefore(now);
        return new NodeRow(node.name(), node.incarnation(), node.lastHeartbeatAt(), alive, node.tasks().size());
    }
}
