package io.hourglass.server.api.queues;

import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.job.JobState;
import io.hourglass.queue.QueueConfig;
import io.hourglass.server.ServerServices;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.server.auth.Access;
import io.hourglass.server.http.Items;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Queues under {@code /api/v1/queues}: list with sizes (scheduled jobs waiting) and running counts, show, change
 * settings (concurrency, max size and the priority that may bypass it: admin role), pause and resume.
 * A queue exists once it has settings or jobs; setting a queue that does not exist yet creates it, pausing or
 * resuming one is a 404 (a typo in a queue name must not create a paused queue nobody uses). Sizes come from
 * one grouped count per state ({@code HourglassClient.jobCountsByQueue(states)}) per request over the scheduled and
 * running jobs' indexes, exact however many jobs a queue holds, and cheap however long the history is.
 */
public final class QueueRoutes {
    /** The states a queue's view counts, read from their narrow indexes. */
    private static final java.util.Set<JobState> COUNTED = java.util.EnumSet.of(JobState.SCHEDULED, JobState.RUNNING);

    /** The settings an operator changes; absent fields mean "no limit". */
    record SettingsBody(Integer concurrency, Integer maxSize, Integer bypassPriority) {
    }

    /** A queue with its current load. */
    record QueueView(String name, Integer concurrency, boolean paused, Integer maxSize, Integer bypassPriority,
                     long scheduled, long running) {
    }

    private final HourglassClient client;
    private final JsonBodies bodies;

    private QueueRoutes(ServerServices services) {
        this.client = services.client();
        this.bodies = services.bodies();
    }

    public static void register(Routes routes, ServerServices services) {
        QueueRoutes r = new QueueRoutes(services);
        routes.get("/api/v1/queues", Access.READ, ctx -> {
            Map<String, Map<JobState, Long>> counts = r.client.jobCountsByQueue(COUNTED);
            ctx.json(new Items<>(r.client.queues().stream().map(q -> view(q, counts)).toList()));
        }).summary("Queues with settings, scheduled and running counts").response(Items.class, QueueView.class);
        routes.get("/api/v1/queues/{name}", Access.READ, ctx -> ctx.json(r.view(r.find(ctx.pathParam("name")))))
                .summary("One queue").response(QueueView.class);
        routes.put("/api/v1/queues/{name}", Access.ADMIN, r::configure).body(SettingsBody.class)
                .summary("Sets a queue's concurrency, maxSize and bypassPriority (admin)").response(QueueView.class);
        routes.post("/api/v1/queues/{name}/pause", Access.WRITE, ctx -> ctx.json(r.view(
                r.client.pauseQueue(r.find(ctx.pathParam("name")).name()))))
                .summary("Pauses a queue: none of its jobs are claimed (404 for a queue with neither jobs nor"
                        + " settings)").response(QueueView.class);
        routes.post("/api/v1/queues/{name}/resume", Access.WRITE, ctx -> ctx.json(r.view(
                r.client.resumeQueue(r.find(ctx.pathParam("name")).name()))))
                .summary("Resumes a paused queue").response(QueueView.class);
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
        return view(q, client.jobCountsByQueue(COUNTED));
    }

    private static QueueView view(QueueConfig q, Map<String, Map<JobState, Long>> counts) {
        Map<JobState, Long> ofQueue = counts.getOrDefault(q.name(), Map.of());
        return new QueueView(q.name(), q.concurrency(), q.paused(), q.maxSize(), q.bypassPriority(),
                ofQueue.getOrDefault(JobState.SCHEDULED, 0L), ofQueue.getOrDefault(JobState.RUNNING, 0L));
    }
}
