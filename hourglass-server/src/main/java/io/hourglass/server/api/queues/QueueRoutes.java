package io.hourglass.server.api.queues;

import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.job.JobState;
import io.hourglass.queue.QueueConfig;
import io.hourglass.server.ServerServices;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.store.Store;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Queues under {@code /api/v1/queues}: list with sizes (scheduled jobs waiting) and running counts, show, change
 * settings (concurrency, max size and the priority that may bypass it: admin role), pause and resume.
 * A queue exists once it has settings or jobs; setting a queue that does not exist yet creates it, pausing or
 * resuming one is a 404 (a typo in a queue name must not create a paused queue nobody uses). Sizes come from
 * one grouped count in the store per request, exact however many jobs a queue holds.
 */
public final class QueueRoutes {

    /** The settings an operator changes; absent fields mean "no limit". */
    record SettingsBody(Integer concurrency, Integer maxSize, Integer bypassPriority) {
    }

    /** A queue with its current load. */
    record QueueView(String name, Integer concurrency, boolean paused, Integer maxSize, Integer bypassPriority,
                     long scheduled, long running) {
    }

    private final HourglassClient client;
    private final Store store;
    private final JsonBodies bodies;

    private QueueRoutes(ServerServices services) {
        this.client = services.client();
        this.store = services.store();
        this.bodies = services.bodies();
    }

    public static void register(Javalin app, ServerServices services) {
        QueueRoutes routes = new QueueRoutes(services);
        app.get("/api/v1/queues", ctx -> {
            Map<String, Map<JobState, Long>> counts = routes.store.countJobsByQueueAndState();
            ctx.json(Map.of("items", routes.client.queues().stream().map(q -> view(q, counts)).toList()));
        });
        app.get("/api/v1/queues/{name}", ctx -> ctx.json(routes.view(routes.find(ctx.pathParam("name")))));
        app.put("/api/v1/queues/{name}", routes::configure);
        app.post("/api/v1/queues/{name}/pause", ctx -> ctx.json(routes.view(
                routes.client.pauseQueue(routes.find(ctx.pathParam("name")).name()))));
        app.post("/api/v1/queues/{name}/resume", ctx -> ctx.json(routes.view(
                routes.client.resumeQueue(routes.find(ctx.pathParam("name")).name()))));
    }

    private void configure(Context ctx) {
        String name = ctx.pathParam("name");
        SettingsBody body = bodies.read(ctx, SettingsBody.class);
        InvalidRequestException.require(body.bypassPriority() == null || body.maxSize() != null, "bypassPriority",
                "only makes sense with maxSize");
        boolean paused = client.queues().stream().filter(q -> q.name().equals(name)).findFirst()
                .map(QueueConfig::paused).orElse(false);
        QueueConfig saved = client.configureQueue(new QueueConfig(name, body.concurrency(), paused, body.maxSize(),
                body.bypassPriority()));
        ctx.json(view(saved));
    }

    private QueueConfig find(String name) {
        return client.queues().stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new io.hourglass.NotFoundException("queue", name));
    }

    private QueueView view(QueueConfig q) {
        return view(q, store.countJobsByQueueAndState());
    }

    private static QueueView view(QueueConfig q, Map<String, Map<JobState, Long>> counts) {
        Map<JobState, Long> ofQueue = counts.getOrDefault(q.name(), Map.of());
        return new QueueView(q.name(), q.concurrency(), q.paused(), q.maxSize(), q.bypassPriority(),
                ofQueue.getOrDefault(JobState.SCHEDULED, 0L), ofQueue.getOrDefault(JobState.RUNNING, 0L));
    }
}
