package io.hourglass.server.console.schedules;

import io.hourglass.HourglassClient;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.schedule.Schedule;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.Actor;
import io.hourglass.server.auth.ConsoleRefusal;
import io.hourglass.server.console.web.Fmt;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;

/**
 * The console's schedules: every schedule with its timing in words, next fire, last job and run count, and for a
 * write role enable, disable and trigger now ({@code HourglassClient}'s rules: triggering runs the schedule once
 * now without moving its next fire time, disabled schedules too), recorded in the schedule's history as the
 * session's token. The last job is one indexed page read per schedule ({@code schedule=NAME, limit=1}). The
 * editor ({@link ScheduleEditorPages}) and each schedule's own page ({@link ScheduleDetailPage}) register here too.
 */
public final class SchedulePages {
    private final HourglassClient client;
    private final Pages pages;

    private SchedulePages(HourglassClient client, Pages pages) {
        this.client = client;
        this.pages = pages;
    }

    public static void register(Routes routes, HourglassClient client, Pages pages, Clock clock) {
        SchedulePages p = new SchedulePages(client, pages);
        String base = pages.base() + "/schedules";
        ScheduleEditorPages.register(routes, client, pages, clock);
        routes.get(base, Access.CONSOLE_READ, p::list).anyQuery().summary("Console: schedules").undocumented();
        routes.post(base + "/{name}/enable", Access.CONSOLE_WRITE, ctx -> p.enable(ctx, true))
                .summary("Console: enable a schedule").undocumented();
        routes.post(base + "/{name}/disable", Access.CONSOLE_WRITE, ctx -> p.enable(ctx, false))
                .summary("Console: disable a schedule").undocumented();
        routes.post(base + "/{name}/trigger", Access.CONSOLE_WRITE, p::trigger)
                .summary("Console: run a schedule once now").undocumented();
        ScheduleDetailPage.register(routes, client, pages, clock);
        MatrixRetryPage.register(routes, client, pages);
    }

    private void list(Context ctx) {
        List<ScheduleRow> rows = client.schedules().stream().map(s -> ScheduleRow.of(s, lastJob(s))).toList();
        String notice = ctx.queryParam("notice");
        pages.render(ctx, "schedules.jte", Pages.params("chrome", pages.chrome(ctx, "Schedules", "schedules"),
                "rows", rows, "notice", notice == null || notice.isBlank() ? null : notice));
    }

    private Job lastJob(Schedule s) {
        List<Job> jobs = client.jobs(JobQuery.all().withScheduleName(s.name()).withLimit(1)).items();
        return jobs.isEmpty() ? null : jobs.get(0);
    }

    private void enable(Context ctx, boolean enable) {
        Schedule s = find(client, ctx);
        if (enable) {
            client.actingAs(Actor.of(ctx)).enableSchedule(s.name());
        } else {
            client.actingAs(Actor.of(ctx)).disableSchedule(s.name());
        }
        boolean fromDetail = "detail".equals(ctx.formParam("back"));
        pages.redirect(ctx, fromDetail ? "/schedules/" + Fmt.url(s.name()) : "/schedules", (enable ? "Enabled" : "Disabled") + " schedule " + s.name()
                + (enable ? ": it fires on its timing again." : ": it creates no jobs until enabled."));
    }

    private void trigger(Context ctx) {
        Schedule s = find(client, ctx);
        EnqueueResult result = client.actingAs(Actor.of(ctx)).triggerSchedule(s.name());
        pages.redirect(ctx, "/jobs/" + result.jobId(), result.created()
                ? "Triggered schedule " + s.name() + ": this job is due now; its next fire time is unchanged."
                : "Schedule " + s.name() + " already has this job unfinished (same dedup key): nothing new.");
    }

    /** The schedule the path names, or the console's 404. */
    static Schedule find(HourglassClient client, Context ctx) {
        String name = ctx.pathParam("name");
        return client.schedule(name).orElseThrow(() -> new ConsoleRefusal(404, "no schedule '" + name + "'"));
    }

    /** For templates: a schedule's own page. */
    public static String detailLink(String name) {
        return "/schedules/" + Fmt.url(name);
    }

    /** For the template: a link to the jobs this schedule created. */
    public static String jobsLink(String name) {
        return "/jobs?schedule=" + Fmt.url(name);
    }
}
