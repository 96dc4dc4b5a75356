package io.hourglass.server.console.schedules;

import io.hourglass.HourglassClient;
import io.hourglass.job.RetryResult;
import io.hourglass.schedule.Schedule;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.ConsoleRefusal;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * "Retry failed cells" of a matrix schedule: a confirmation that says how many cells (and which jobs) would be
 * retried, then one {@link HourglassClient#retry} per cell whose last job finished without succeeding (failed,
 * infra_error, timed_out, expired or cancelled), the same retry a job's own page offers. The copies run now; like
 * every retried copy they belong to no fire of the schedule, so the grid keeps the cell's fired job and the notice
 * links the copies.
 */
final class MatrixRetryPage {
    private final HourglassClient client;
    private final Pages pages;

    private MatrixRetryPage(HourglassClient client, Pages pages) {
        this.client = client;
        this.pages = pages;
    }

    static void register(Routes routes, HourglassClient client, Pages pages) {
        MatrixRetryPage p = new MatrixRetryPage(client, pages);
        String path = pages.base() + "/schedules/{name}/retry-failed";
        routes.get(path, Access.CONSOLE_WRITE, p::confirm)
                .summary("Console: confirm retrying a matrix schedule's failed cells").undocumented();
        routes.post(path, Access.CONSOLE_WRITE, p::retry)
                .summary("Console: retry a matrix schedule's failed cells").undocumented();
    }

    private MatrixGrid grid(Schedule s) {
        MatrixGrid grid = MatrixGrid.of(client, s);
        if (grid == null) {
            throw new ConsoleRefusal(404, "schedule '" + s.name() + "' has no matrix");
        }
        return grid;
    }

    private void confirm(Context ctx) {
        Schedule s = SchedulePages.find(client, ctx);
        pages.render(ctx, "schedules/retry.jte", Pages.params("chrome", pages.chrome(ctx,
                "Retry failed cells of " + s.name(), "schedules"), "schedule", s, "cells", grid(s).retryable()));
    }

    private void retry(Context ctx) {
        Schedule s = SchedulePages.find(client, ctx);
        List<String> copies = new ArrayList<>();
        for (MatrixGrid.Cell cell : grid(s).retryable()) {
            RetryResult result = client.retry(cell.job().id());
            copies.add(cell.label() + " → #" + result.job().id());
        }
        pages.redirect(ctx, SchedulePages.detailLink(s.name()), copies.isEmpty() ? "No failed cells to retry."
                : "Retried " + copies.size() + (copies.size() == 1 ? " failed cell: " : " failed cells: ")
                + String.join("; ", copies));
    }
}
