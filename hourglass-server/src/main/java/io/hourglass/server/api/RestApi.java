package io.hourglass.server.api;

import io.hourglass.Hourglass;
import io.hourglass.server.ServerServices;
import io.hourglass.server.api.feeds.FeedRoutes;
import io.hourglass.server.api.jobs.JobRoutes;
import io.hourglass.server.api.nodes.NodeRoutes;
import io.hourglass.server.api.queues.QueueRoutes;
import io.hourglass.server.api.schedules.ScheduleRoutes;
import io.hourglass.server.api.stats.StatsRoutes;
import io.hourglass.server.api.tasks.TaskRoutes;
import io.hourglass.server.api.workers.WorkerRoutes;
import io.hourglass.server.http.Routes;

/** REST API v1: every feature's routes under {@code /api/v1}, registered in one place. */
public final class RestApi {
    private RestApi() {
    }

    public static void register(Routes routes, ServerServices services, Hourglass hourglass) {
        JobRoutes.register(routes, services);
        ScheduleRoutes.register(routes, services);
        QueueRoutes.register(routes, services);
        WorkerRoutes.register(routes, services);
        NodeRoutes.register(routes, services);
        TaskRoutes.register(routes, services, hourglass);
        StatsRoutes.register(routes, services);
        FeedRoutes.register(routes, services);
    }
}
