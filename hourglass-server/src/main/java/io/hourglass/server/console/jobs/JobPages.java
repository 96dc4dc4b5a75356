package io.hourglass.server.console.jobs;

import io.hourglass.ConflictException;
import io.hourglass.HourglassClient;
import io.hourglass.NotFoundException;
import io.hourglass.job.CancelResult;
import io.hourglass.job.Job;
import io.hourglass.job.Page;
import io.hourglass.job.RetryResult;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.ConsoleRefusal;
import io.hourglass.server.console.live.LiveRoutes;
import io.hourglass.server.console.web.Fmt;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;

/**
 * The console's jobs: the list (filters and search in the URL, cursor paging through {@code HourglassClient.jobs},
 * never an unbounded count over the history; bulk actions on all matching jobs: {@link BulkPages}), one job with every attempt, and the actions cancel, retry now and run now. Actions
 * answer with a redirect to the job and a line saying what happened (Post/Redirect/Get), so a reload does not
 * repeat them; what they do is {@code HourglassClient}'s rule, the same as the API's.
 */
public final class JobPages {
    private final HourglassClient client;
    private final Pages pages;

    private JobPages(HourglassClient client, Pages pages) {
        this.client = client;
        this.pages = pages;
    }

    public static void register(Routes routes, HourglassClient client, Pages pages) {
        JobPages p = new JobPages(client, pages);
        String base = pages.base();
        routes.get(base + "/jobs", Access.CONSOLE_READ, p::list).anyQuery().summary("Console: jobs").undocumented();
        BulkPages.register(routes, client, pages);
        routes.get(base + "/jobs/{id}", Access.CONSOLE_READ, p::show).anyQuery().summary("Console: one job")
                .undocumented();
        routes.post(base + "/jobs/{id}/cancel", Access.CONSOLE_WRITE, p::cancel).summary("Console: cancel a job")
                .undocumented();
        routes.post(base + "/jobs/{id}/retry", Access.CONSOLE_WRITE, p::retry).summary("Console: retry a job now")
                .undocumented();
        routes.post(base + "/jobs/{id}/run-now", Access.CONSOLE_WRITE, p::runNow)
                .summary("Console: run a scheduled job now").undocumented();
    }

    private void list(Context ctx) {
        JobFilters filters = JobFilters.from(ctx);
        Page<Job> page = filters.query() == null ? new Page<>(java.util.List.of(), null) : client.jobs(filters.query());
        pages.render(ctx, filters.query() == null ? 400 : 200, "jobs/list.jte", Pages.params(
                "chrome", pages.chrome(ctx, "Jobs", "jobs"), "filters", filters, "page", page,
                "notice", notice(ctx), "live", liveList(ctx, filters, page)));
    }

    private void show(Context ctx) {
        Job job = find(ctx);
        pages.render(ctx, "jobs/detail.jte", Pages.params("chrome", pages.chrome(ctx, "Job #" + job.id(), "jobs"),
                "job", job, "attempts", client.attempts(job.id()), "actions", JobActions.of(job),
                "notice", notice(ctx), "live", pages.root() + "/live?view=job&id=" + job.id() + "&seen="
                        + Fmt.url(LiveRoutes.jobMark(job))));
    }

    private void cancel(Context ctx) {
        Job job = find(ctx);
        CancelResult result = client.cancel(job.id());
        String notice = switch (result) {
            case CANCELLED -> "Cancelled: job #" + job.id() + " will not run.";
            case CANCELLATION_REQUESTED -> "Asked the node running job #" + job.id() + " to stop it.";
            case ALREADY_FINISHED -> "Job #" + job.id() + " had already finished; nothing to cancel.";
            case NOT_FOUND -> throw new ConsoleRefusal(404, "no job #" + job.id());
        };
        pages.redirect(ctx, "/jobs/" + job.id(), notice);
    }

    private void retry(Context ctx) {
        Job job = find(ctx);
        RetryResult result = client.retry(job.id());
        switch (result.action()) {
            case COPIED -> pages.redirect(ctx, "/jobs/" + result.job().id(), result.created()
                    ? "Retried: this is a fresh copy of job #" + job.id() + ", due now."
                    : "Not copied: job #" + result.job().id() + " with the same dedup key is still unfinished.");
            case MADE_DUE -> pages.redirect(ctx, "/jobs/" + job.id(), "Job #" + job.id() + " is due now.");
            case REFUSED_RUNNING -> pages.redirect(ctx, "/jobs/" + job.id(), "Job #" + job.id()
                    + " is running; it is being tried now (cancel it to stop it).");
        }
    }

    private void runNow(Context ctx) {
        Job job = find(ctx);
        try {
            client.runNow(job.id());
            pages.redirect(ctx, "/jobs/" + job.id(), "Job #" + job.id() + " is due now.");
        } catch (ConflictException e) {
            pages.redirect(ctx, "/jobs/" + job.id(), e.getMessage());
        }
    }

    /**
     * The first page of a valid list listens for new jobs matching its filters (newer than its newest row); later
     * pages do not: they are history.
     */
    private String liveList(Context ctx, JobFilters filters, Page<Job> page) {
        if (filters.query() == null || ctx.queryParam("cursor") != null) {
            return null;
        }
        long newest = page.items().isEmpty() ? 0 : page.items().get(0).id();
        String query = ctx.queryString();
        return pages.root() + "/live?view=jobs&after=" + newest + (query == null || query.isBlank() ? "" : "&" + query);
    }

    private Job find(Context ctx) {
        String raw = ctx.pathParam("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConsoleRefusal(404, "no job '" + raw + "': a job id is a number");
        }
        try {
            return client.job(id).orElseThrow(() -> new NotFoundException("job", id));
        } catch (NotFoundException e) {
            throw new ConsoleRefusal(404, "no job #" + id);
        }
    }

    private static String notice(Context ctx) {
        String notice = ctx.queryParam("notice");
        return notice == null || notice.isBlank() ? null : notice;
    }
}
