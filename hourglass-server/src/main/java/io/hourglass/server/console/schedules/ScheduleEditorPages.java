package io.hourglass.server.console.schedules;

import io.hourglass.HourglassClient;
import io.hourglass.schedule.MisfirePolicy;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleEditing;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.Actor;
import io.hourglass.server.console.web.Fmt;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Json;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schedule editor: create ({@code <console>/new/schedule}, a path no schedule's own pages can take) and edit
 * ({@code <console>/schedules/NAME/edit}) forms, and the preview of the next fire times. A save goes through
 * {@link HourglassClient#actingAs} with the session's token name, so it is checked by the same rules as the REST
 * API and recorded in the schedule's history; a refused save re-shows the form as typed with the error next to
 * its field (422), and nothing is stored. The preview answers an HTML fragment for htmx while typing
 * ({@code POST <console>/schedules/preview}); without JavaScript the form's Preview button re-shows the whole
 * form with it.
 */
final class ScheduleEditorPages {
    static final int PREVIEW_COUNT = 5;
    /** What a preview uses for the fields that do not change fire times, when they are still empty. */
    private static final Map<String, String> PREVIEW_FALLBACKS = Map.of("name", "preview", "task", "preview");
    static final List<String> MISFIRE_POLICIES = Arrays.stream(MisfirePolicy.values()).map(MisfirePolicy::wireName)
            .toList();

    private final HourglassClient client;
    private final Pages pages;
    private final Clock clock;
    private final JsonBodies bodies = new JsonBodies(Json.mapper());

    private ScheduleEditorPages(HourglassClient client, Pages pages, Clock clock) {
        this.client = client;
        this.pages = pages;
        this.clock = clock;
    }

    static void register(Routes routes, HourglassClient client, Pages pages, Clock clock) {
        ScheduleEditorPages p = new ScheduleEditorPages(client, pages, clock);
        String base = pages.base();
        routes.get(base + "/new/schedule", Access.CONSOLE_WRITE, ctx -> p.show(ctx, null, ScheduleForm.blank(), null))
                .summary("Console: the new schedule form").undocumented();
        routes.post(base + "/new/schedule", Access.CONSOLE_WRITE, ctx -> p.submit(ctx, null))
                .summary("Console: create a schedule").undocumented();
        routes.post(base + "/schedules/preview", Access.CONSOLE_WRITE, p::previewFragment)
                .summary("Console: next fire times of the form being typed (an HTML fragment)").undocumented();
        routes.get(base + "/schedules/{name}/edit", Access.CONSOLE_WRITE, ctx -> {
            Schedule s = SchedulePages.find(client, ctx);
            p.show(ctx, s.name(), ScheduleForm.of(s), null);
        }).summary("Console: the schedule edit form").undocumented();
        routes.post(base + "/schedules/{name}/edit", Access.CONSOLE_WRITE,
                ctx -> p.submit(ctx, SchedulePages.find(client, ctx).name()))
                .summary("Console: save a schedule's definition").undocumented();
    }

    /** @param name the schedule being edited, or null for a new one */
    private void show(Context ctx, String name, ScheduleForm form, SchedulePreview preview) {
        String title = name == null ? "New schedule" : "Edit schedule " + name;
        pages.render(ctx, form.hasErrors() ? 422 : 200, "schedules/form.jte", Pages.params(
                "chrome", pages.chrome(ctx, title, "schedules"), "form", form, "name", name,
                "action", name == null ? "/new/schedule" : "/schedules/" + Fmt.url(name) + "/edit",
                "policies", MISFIRE_POLICIES, "preview", preview));
    }

    private void submit(Context ctx, String name) {
        ScheduleForm form = ScheduleForm.read(ctx);
        if ("preview".equals(ctx.formParam("action"))) {
            show(ctx, name, form, preview(ScheduleForm.read(ctx)));
            return;
        }
        ScheduleEditing editing = client.actingAs(Actor.of(ctx));
        Optional<Schedule> saved = form.toSchedule(name, Map.of(), bodies).flatMap(s -> form.attempt(
                () -> name == null ? editing.createSchedule(s) : editing.updateSchedule(s)));
        if (saved.isEmpty()) {
            show(ctx, name, form, null);
            return;
        }
        pages.redirect(ctx, "/schedules/" + Fmt.url(saved.get().name()), (name == null ? "Created" : "Saved")
                + " schedule " + saved.get().name() + (saved.get().nextFireAt() == null ? ": it is disabled."
                : ": next fire " + Fmt.instant(saved.get().nextFireAt()) + "."));
    }

    private void previewFragment(Context ctx) {
        pages.render(ctx, "schedules/preview.jte", Pages.params("preview", preview(ScheduleForm.read(ctx))));
    }

    private SchedulePreview preview(ScheduleForm form) {
        Optional<Schedule> schedule = form.toSchedule(null, PREVIEW_FALLBACKS, bodies);
        if (schedule.isEmpty()) {
            return SchedulePreview.refused(form.firstError());
        }
        Schedule s = schedule.get().withEnabled(true);
        return form.attempt(() -> client.previewFireTimes(s, clock.instant(), PREVIEW_COUNT))
                .map(times -> SchedulePreview.of(s, times))
                .orElseGet(() -> SchedulePreview.refused(form.firstError()));
    }
}
