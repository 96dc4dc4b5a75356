package io.hourglass.server.api.schedules;

import io.hourglass.HourglassClient;
import io.hourglass.NotFoundException;
import io.hourglass.job.EnqueueResult;
import io.hourglass.schedule.Schedule;
import io.hourglass.server.ServerServices;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.server.http.Params;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Schedules under {@code /api/v1/schedules}: create, list, show, replace ({@code PUT}: omitted fields take their
 * defaults, except {@code enabled}, which is kept), edit in part ({@code PATCH}, see {@link SchedulePatch}), delete,
 * enable, disable, trigger now and preview. "Trigger" enqueues one job from the schedule's definition, due now, without moving its next fire time.
 * Preview works for a stored schedule ({@code GET .../{name}/preview}) and for a definition not yet saved
 * ({@code POST /api/v1/schedules/preview}).
 */
public final class ScheduleRoutes {
    public static final int MAX_PREVIEW = 100;

    private final HourglassClient client;
    private final JsonBodies bodies;
    private final Clock clock;

    private ScheduleRoutes(ServerServices services) {
        this.client = services.client();
        this.bodies = services.bodies();
        this.clock = services.clock();
    }

    public static void register(Javalin app, ServerServices services) {
        ScheduleRoutes r = new ScheduleRoutes(services);
        app.post("/api/v1/schedules/preview", r::previewDefinition);
        app.post("/api/v1/schedules", ctx -> ctx.status(201).json(ScheduleView.of(
                r.client.createSchedule(r.bodies.read(ctx, ScheduleBody.class).toSchedule(null)))));
        app.get("/api/v1/schedules", ctx -> ctx.json(Map.of("items",
                r.client.schedules().stream().map(ScheduleView::of).toList())));
        app.get("/api/v1/schedules/{name}", ctx -> ctx.json(ScheduleView.of(r.find(ctx))));
        app.put("/api/v1/schedules/{name}", ctx -> {
            Schedule current = r.find(ctx);
            ctx.json(ScheduleView.of(r.client.updateSchedule(r.bodies.read(ctx, ScheduleBody.class)
                    .toSchedule(current.name(), current.enabled()))));
        });
        app.patch("/api/v1/schedules/{name}", ctx -> {
            Schedule current = r.find(ctx);
            ctx.json(ScheduleView.of(r.client.updateSchedule(SchedulePatch.apply(current, r.bodies.readObject(ctx),
                    r.bodies).toSchedule(current.name(), current.enabled()))));
        });
        app.delete("/api/v1/schedules/{name}", ctx -> {
            if (!r.client.deleteSchedule(ctx.pathParam("name"))) {
                throw new NotFoundException("schedule", ctx.pathParam("name"));
            }
            ctx.status(204);
        });
        app.post("/api/v1/schedules/{name}/enable", ctx -> {
            r.find(ctx);
            ctx.json(ScheduleView.of(r.client.enableSchedule(ctx.pathParam("name"))));
        });
        app.post("/api/v1/schedules/{name}/disable", ctx -> {
            r.find(ctx);
            ctx.json(ScheduleView.of(r.client.disableSchedule(ctx.pathParam("name"))));
        });
        app.post("/api/v1/schedules/{name}/trigger", r::trigger);
        app.get("/api/v1/schedules/{name}/preview", ctx -> r.preview(ctx, r.find(ctx)));
    }

    private void trigger(Context ctx) {
        Schedule s = find(ctx);
        EnqueueResult result = client.triggerSchedule(s.name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", result.jobId());
        body.put("created", result.created());
        body.put("schedule", s.name());
        ctx.status(201).json(body);
    }

    private void previewDefinition(Context ctx) {
        ScheduleBody body = bodies.read(ctx, ScheduleBody.class);
        String name = body.name() == null ? "preview" : null;
        preview(ctx, body.toSchedule(name));
    }

    private void preview(Context ctx, Schedule schedule) {
        int count = Params.queryInt(ctx, "count", 1, MAX_PREVIEW, 10);
        Instant after = Params.queryInstant(ctx, "after");
        List<Instant> times = client.previewFireTimes(schedule, after == null ? clock.instant() : after, count);
        ctx.json(Map.of("fireTimes", times));
    }

    private Schedule find(Context ctx) {
        String name = ctx.pathParam("name");
        return client.schedule(name).orElseThrow(() -> new NotFoundException("schedule", name));
    }
}
