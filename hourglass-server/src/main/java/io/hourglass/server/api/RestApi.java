package io.hourglass.server.api;

import io.hourglass.Hourglass;
import io.hourglass.server.ServerServices;
import io.hourglass.server.api.jobs.JobRoutes;
import io.hourglass.server.api.nodes.NodeRoutes;
import io.hourglass.server.api.queues.QueueRoutes;
import io.hourglass.server.api.schedules.ScheduleRoutes;
import io.hourglass.server.api.stats.StatsRoutes;
import io.hourglass.server.api.tasks.TaskRoutes;
import io.hourglass.server.api.workers.WorkerRoutes;
import io.javalin.Javalin;

/** REST API v1: every feature's routes under {@code /api/v1}, registered in one place. */
public final class RestApi {
    private RestApi() {
    }

    public static void register(Javalin app, ServerServices services, Hourglass hourglass) {
        JobRoutes.register(app, services);
        ScheduleRoutes.register(app, services);
        QueueRoutes.register(app, services);
        WorkerRoutes.register(app, services);
        NodeRoutes.register(app, hourglass);
        TaskRoutes.register(app, services, hourglass);
        StatsRoutes.register(app, hourglass, services.clock());
    }
}
