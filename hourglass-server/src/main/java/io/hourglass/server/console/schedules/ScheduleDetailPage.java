package io.hourglass.server.console.schedules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.HourglassClient;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleChange;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.Actor;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One schedule's page: its definition, next fire times, run state, the latest jobs it created, and its change
 * history with the fields each change touched; and its deletion, confirmed first on a page that says what becomes
 * of its jobs. Deleting removes only the schedule (the store keeps every job it created): jobs still scheduled
 * run as planned unless cancelled, finished ones stay in history, and the change history stays readable through
 * the REST API ({@code GET /api/v1/schedules/NAME/history}) until retention removes it.
 */
public final class ScheduleDetailPage {
    static final int RECENT_JOBS = 10;
    static final int HISTORY = 50;
    /** The delete page counts unfinished jobs up to this, then says "at least". */
    static final int COUNT_UP_TO = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HourglassClient client;
    private final Pages pages;
    private final Clock clock;

    private ScheduleDetailPage(HourglassClient client, Pages pages, Clock clock) {
        this.client = client;
        this.pages = pages;
        this.clock = clock;
    }

    static void register(Routes routes, HourglassClient client, Pages pages, Clock clock) {
        ScheduleDetailPage p = new ScheduleDetailPage(client, pages, clock);
        String base = pages.base() + "/schedules";
        routes.get(base + "/{name}", Access.CONSOLE_READ, p::show).anyQuery().summary("Console: one schedule")
                .undocumented();
        routes.get(base + "/{name}/delete", Access.CONSOLE_WRITE, p::confirmDelete)
                .summary("Console: confirm a schedule's deletion").undocumented();
        routes.post(base + "/{name}/delete", Access.CONSOLE_WRITE, p::delete)
                .summary("Console: delete a schedule").undocumented();
    }

    private void show(Context ctx) {
        Schedule s = SchedulePages.find(client, ctx);
        List<Job> jobs = client.jobs(JobQuery.all().withScheduleName(s.name()).withLimit(RECENT_JOBS)).items();
        SchedulePreview next = SchedulePreview.of(s, s.enabled() ? client.previewFireTimes(s, clock.instant(),
                ScheduleEditorPages.PREVIEW_COUNT) : List.of());
        String notice = ctx.queryParam("notice");
        pages.render(ctx, "schedules/detail.jte", Pages.params("chrome", pages.chrome(ctx, "Schedule " + s.name(),
                "schedules"), "schedule", s, "row", ScheduleRow.of(s, jobs.isEmpty() ? null : jobs.get(0)),
                "definition", ScheduleChange.definition(s), "nextFires", next, "jobs", jobs,
                "grid", MatrixGrid.of(client, s),
                "history", client.scheduleHistory(s.name(), HISTORY),
                "notice", notice == null || notice.isBlank() ? null : notice));
    }

    private void confirmDelete(Context ctx) {
        Schedule s = SchedulePages.find(client, ctx);
        int unfinished = client.jobs(JobQuery.all().withScheduleName(s.name())
                .withStates(Set.of(JobState.SCHEDULED, JobState.RUNNING)).withLimit(COUNT_UP_TO)).items().size();
        pages.render(ctx, "schedules/delete.jte", Pages.params("chrome", pages.chrome(ctx,
                "Delete schedule " + s.name(), "schedules"), "schedule", s, "unfinished",
                unfinished >= COUNT_UP_TO ? "at least " + COUNT_UP_TO : String.valueOf(unfinished)));
    }

    private void delete(Context ctx) {
        Schedule s = SchedulePages.find(client, ctx);
        client.actingAs(Actor.of(ctx)).deleteSchedule(s.name());
        pages.redirect(ctx, "/schedules", "Deleted schedule " + s.name() + ": it creates no more jobs; the jobs it"
                + " created stay.");
    }

    /** For the template: a definition's or a change's value as text (lists and maps as JSON). */
    public static String text(Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof String text) {
            return text;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bug: a schedule definition that is not JSON: " + e.getMessage(), e);
        }
    }

    /** For the template: the job a trigger enqueued, or null. */
    public static Object triggeredJob(ScheduleChange change) {
        Map<String, Object> after = change.after();
        return change.action() == ScheduleChange.Action.TRIGGERED && after != null ? after.get("jobId") : null;
    }
}
