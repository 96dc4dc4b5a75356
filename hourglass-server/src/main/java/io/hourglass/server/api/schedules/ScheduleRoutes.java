package io.hourglass.server.api.schedules;

import io.hourglass.HourglassClient;
import io.hourglass.NotFoundException;
import io.hourglass.job.EnqueueResult;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleChange;
import io.hourglass.schedule.ScheduleEditing;
import io.hourglass.server.ServerServices;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.Actor;
import io.hourglass.server.http.Items;
import io.hourglass.server.http.QueryParam;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Schedules under {@code /api/v1/schedules}: create, list, show, replace ({@code PUT}: omitted fields take their
 * defaults, except {@code enabled}, which is kept), edit in part ({@code PATCH}, see {@link SchedulePatch}), delete,
 * enable, disable, trigger now, preview and change history. "Trigger" enqueues one job from the schedule's
 * definition, due now, without moving its next fire time. Changes are recorded in the schedule's history as made
 * by the request's API token ({@link Actor}).
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

    static final QueryParam COUNT = QueryParam.integer("count", "How many fire times, 1 to " + MAX_PREVIEW
            + " (default 10)");
    static final QueryParam AFTER = QueryParam.instant("after", "Fire times after this instant (default now)");
    static final QueryParam LIMIT = QueryParam.integer("limit", "How many entries, newest first, 1 to "
            + ScheduleChange.MAX_READ + " (default 50)");

    /**
     * Fire times of a preview, and the matrix combinations each fire creates a job for, in order, merged into the
     * schedule's kwargs (empty for a schedule without a matrix: one job per fire).
     */
    record FireTimes(List<Instant> fireTimes, List<Map<String, Object>> combinations) {
    }

    /** A job enqueued by a trigger (a matrix schedule's first combination's; the others follow it in id order). */
    record Triggered(long jobId, boolean created, String schedule) {
    }

    public static void register(Routes routes, ServerServices services) {
        ScheduleRoutes r = new ScheduleRoutes(services);
        routes.post("/api/v1/schedules/preview", Access.READ, r::previewDefinition).query(COUNT, AFTER)
                .body(ScheduleBody.class).summary("Next fire times of a definition not yet saved")
                .response(FireTimes.class);
        routes.post("/api/v1/schedules", Access.WRITE, ctx -> ctx.status(201).json(ScheduleView.of(
                r.as(ctx).createSchedule(r.bodies.read(ctx, ScheduleBody.class).toSchedule(null)))))
                .body(ScheduleBody.class).summary("Creates a schedule (cron with zone, every, or once; skipIfPending; 422 for a task no node"
                        + " knows unless allowUnknownTask)")
                .response(201, ScheduleView.class);
        routes.get("/api/v1/schedules", Access.READ, ctx -> ctx.json(new Items<>(
                r.client.schedules().stream().map(ScheduleView::of).toList())))
                .summary("Lists schedules with next and last run and run count")
                .response(Items.class, ScheduleView.class);
        routes.get("/api/v1/schedules/{name}", Access.READ, ctx -> ctx.json(ScheduleView.of(r.find(ctx))))
                .summary("One schedule").response(ScheduleView.class);
        routes.put("/api/v1/schedules/{name}", Access.WRITE, ctx -> {
            Schedule current = r.find(ctx);
            ctx.json(ScheduleView.of(r.as(ctx).updateSchedule(r.bodies.read(ctx, ScheduleBody.class)
                    .toSchedule(current.name(), current.enabled()))));
        }).body(ScheduleBody.class).summary("Replaces a schedule's definition (enabled stays as it is unless given)")
                .response(ScheduleView.class);
        routes.patch("/api/v1/schedules/{name}", Access.WRITE, ctx -> {
            Schedule current = r.find(ctx);
            ctx.json(ScheduleView.of(r.as(ctx).updateSchedule(SchedulePatch.apply(current, r.bodies.readObject(ctx),
                    r.bodies).toSchedule(current.name(), current.enabled()))));
        }).body(ScheduleBody.class).summary("Changes only the fields given (JSON merge patch: null clears a field;"
                + " cron, every or once replaces the timing); the result is checked as a whole")
                .response(ScheduleView.class);
        routes.delete("/api/v1/schedules/{name}", Access.WRITE, ctx -> {
            if (!r.as(ctx).deleteSchedule(ctx.pathParam("name"))) {
                throw new NotFoundException("schedule", ctx.pathParam("name"));
            }
            ctx.status(204);
        }).summary("Deletes a schedule (its jobs stay)").response(204, null);
        routes.post("/api/v1/schedules/{name}/enable", Access.WRITE, ctx -> {
            r.find(ctx);
            ctx.json(ScheduleView.of(r.as(ctx).enableSchedule(ctx.pathParam("name"))));
        }).summary("Enables a schedule").response(ScheduleView.class);
        routes.post("/api/v1/schedules/{name}/disable", Access.WRITE, ctx -> {
            r.find(ctx);
            ctx.json(ScheduleView.of(r.as(ctx).disableSchedule(ctx.pathParam("name"))));
        }).summary("Disables a schedule").response(ScheduleView.class);
        routes.post("/api/v1/schedules/{name}/trigger", Access.WRITE, r::trigger)
                .summary("Enqueues one job from the schedule now").response(201, Triggered.class);
        routes.get("/api/v1/schedules/{name}/preview", Access.READ, ctx -> r.preview(ctx, r.find(ctx)))
                .query(COUNT, AFTER).summary("Next fire times of a schedule").response(FireTimes.class);
        routes.get("/api/v1/schedules/{name}/history", Access.READ, r::history).query(LIMIT)
                .summary("A schedule's change history, newest first: who created, edited, enabled, disabled,"
                        + " triggered or deleted it, when, with the definition before and after and the fields that"
                        + " changed (kept after deletion, as long as job history)")
                .response(Items.class, ScheduleChangeView.class);
    }

    private void history(Context ctx) {
        String name = ctx.pathParam("name");
        List<ScheduleChange> changes = client.scheduleHistory(name, LIMIT.integer(ctx, 1, ScheduleChange.MAX_READ,
                50));
        if (changes.isEmpty() && client.schedule(name).isEmpty()) {
            throw new NotFoundException("schedule", name);
        }
        ctx.json(new Items<>(changes.stream().map(ScheduleChangeView::of).toList()));
    }

    /** The client's schedule changes, recorded as made by this request's token. */
    private ScheduleEditing as(Context ctx) {
        return client.actingAs(Actor.of(ctx));
    }

    private void trigger(Context ctx) {
        Schedule s = find(ctx);
        EnqueueResult result = as(ctx).triggerSchedule(s.name());
        ctx.status(201).json(new Triggered(result.jobId(), result.created(), s.name()));
    }

    private void previewDefinition(Context ctx) {
        ScheduleBody body = bodies.read(ctx, ScheduleBody.class);
        String name = body.name() == null ? "preview" : null;
        preview(ctx, body.toSchedule(name));
    }

    private void preview(Context ctx, Schedule schedule) {
        int count = COUNT.integer(ctx, 1, MAX_PREVIEW, 10);
        Instant after = AFTER.instant(ctx);
        List<Instant> times = client.previewFireTimes(schedule, after == null ? clock.instant() : after, count);
        ctx.json(new FireTimes(times, schedule.matrix() == null ? List.of() : schedule.matrix().combinations()));
    }

    private Schedule find(Context ctx) {
        String name = ctx.pathParam("name");
        return client.schedule(name).orElseThrow(() -> new NotFoundException("schedule", name));
    }
}
