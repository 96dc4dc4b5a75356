package io.hourglass.server.console.nodes;

import io.hourglass.HourglassClient;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.server.auth.Access;
import io.hourglass.server.console.overview.OverviewModel;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.hourglass.store.Node;
import io.hourglass.worker.RemoteWorker;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The "Nodes and workers" page: every node that heartbeats into the store (name, incarnation, start, last
 * heartbeat, jobs it runs now, alive or lost) and every remote worker the cluster has seen lately (name, last seen,
 * queues, jobs it holds, alive or lost), through {@link HourglassClient#nodes()} and
 * {@link HourglassClient#workers()}. Alive means heard from within {@link OverviewModel#NODE_LOST_AFTER}, the
 * overview's rule. A node's running jobs are one bounded jobs read per node (nodes are few).
 */
public final class NodesPage {
    /** A node's running jobs are counted up to this; more shows as "1000+". */
    static final int RUNNING_SHOWN = JobQuery.MAX_LIMIT;

    /** A node as the page shows it; {@code running} as shown ("1000+" at the bound). */
    public record NodeRow(Node node, String running, boolean alive) {
    }

    /** A remote worker as the page shows it. */
    public record WorkerRow(RemoteWorker worker, boolean alive) {
    }

    private final HourglassClient client;
    private final Pages pages;
    private final Clock clock;

    private NodesPage(HourglassClient client, Pages pages, Clock clock) {
        this.client = client;
        this.pages = pages;
        this.clock = clock;
    }

    public static void register(Routes routes, HourglassClient client, Pages pages, Clock clock) {
        NodesPage page = new NodesPage(client, pages, clock);
        routes.get(pages.base() + "/nodes", Access.CONSOLE_READ, page::show)
                .summary("Console: nodes and remote workers").undocumented();
    }

    private void show(Context ctx) {
        Instant now = clock.instant();
        List<NodeRow> nodes = client.nodes().stream().map(n -> new NodeRow(n, running(n),
                OverviewModel.alive(n.lastHeartbeatAt(), now))).toList();
        List<WorkerRow> workers = client.workers().stream().map(w -> new WorkerRow(w,
                OverviewModel.alive(w.lastSeenAt(), now))).toList();
        pages.render(ctx, "nodes.jte", Map.of("chrome", pages.chrome(ctx, "Nodes and workers", "nodes"),
                "nodes", nodes, "workers", workers));
    }

    private String running(Node node) {
        int n = client.jobs(JobQuery.all().withStates(EnumSet.of(JobState.RUNNING)).withNode(node.name())
                .withLimit(RUNNING_SHOWN)).items().size();
        return n >= RUNNING_SHOWN ? RUNNING_SHOWN + "+" : Integer.toString(n);
    }
}
