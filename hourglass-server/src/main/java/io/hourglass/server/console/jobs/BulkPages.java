package io.hourglass.server.console.jobs;

import io.hourglass.HourglassClient;
import io.hourglass.job.BulkAction;
import io.hourglass.job.BulkResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobCount;
import io.hourglass.job.JobQuery;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.ConsoleRefusal;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Cancel or retry "all jobs matching" the list's filters. The list links to a confirmation page that says how many
 * jobs the action would take (a count bounded at {@link HourglassClient#MAX_BULK}: "more than 10,000" beyond) and
 * pins the set to the jobs that exist now (the form carries a cursor just above the newest match, so jobs enqueued
 * while the operator reads are left alone); its form applies the action server-side to at most the cap through
 * {@code HourglassClient.cancelMatching} / {@code retryMatching}, the same operation as the REST API's.
 */
public final class BulkPages {
    private final HourglassClient client;
    private final Pages pages;

    private BulkPages(HourglassClient client, Pages pages) {
        this.client = client;
        this.pages = pages;
    }

    static void register(Routes routes, HourglassClient client, Pages pages) {
        BulkPages p = new BulkPages(client, pages);
        String base = pages.base();
        routes.get(base + "/jobs/bulk/{action}", Access.CONSOLE_WRITE, p::confirm).anyQuery()
                .summary("Console: confirm a bulk cancel or retry").undocumented();
        routes.post(base + "/jobs/bulk/{action}", Access.CONSOLE_WRITE, p::apply)
                .summary("Console: cancel or retry all matching jobs").undocumented();
    }

    /** What the confirmation page shows: the count, the states it takes and the pinned cursor (null: no button). */
    public record Confirmation(String action, String verb, JobCount count, String states, String pin) {
    }

    private void confirm(Context ctx) {
        BulkAction action = action(ctx);
        JobFilters filters = JobFilters.from(ctx::queryParam, false);
        Confirmation confirmation = null;
        if (filters.query() != null) {
            Optional<JobQuery> scope = action.scope(filters.query());
            JobCount count = scope.map(q -> client.countJobs(q, HourglassClient.MAX_BULK))
                    .orElse(new JobCount(0, false));
            List<Job> newest = count.count() == 0 ? List.of() // skip the read: with no match it would scan
                    : scope.map(q -> client.jobs(q.withLimit(1)).items()).orElse(List.of());
            confirmation = new Confirmation(name(action), verb(action), count, scope.map(q -> String.join(", ",
                    q.states().stream().map(s -> s.wireName()).sorted().toList())).orElse("none"),
                    newest.isEmpty() ? null : Long.toString(newest.get(0).id() + 1));
        }
        pages.render(ctx, filters.query() == null ? 400 : 200, "jobs/bulk.jte", Pages.params(
                "chrome", pages.chrome(ctx, verb(action) + " matching jobs", "jobs"), "filters", filters,
                "confirmation", confirmation, "cap", HourglassClient.MAX_BULK));
    }

    private void apply(Context ctx) {
        BulkAction action = action(ctx);
        JobFilters filters = JobFilters.from(ctx::formParam, false);
        if (filters.query() == null) {
            throw new ConsoleRefusal(400, filters.field() + ": " + filters.error());
        }
        BulkResult result = action == BulkAction.CANCEL
                ? client.cancelMatching(filters.query(), HourglassClient.MAX_BULK)
                : client.retryMatching(filters.query(), HourglassClient.MAX_BULK);
        String done = action == BulkAction.CANCEL ? "cancelled or asked to stop" : "retried as fresh copies due now";
        String notice = String.format(Locale.ROOT, "%s: %,d matching jobs, %,d %s.", verb(action), result.matched(),
                result.applied(), done) + (result.more() ? String.format(Locale.ROOT, " More jobs match beyond the"
                + " first %,d: run it again for them.", HourglassClient.MAX_BULK) : "");
        pages.redirect(ctx, "/jobs" + filters.queryString(), notice);
    }

    private static BulkAction action(Context ctx) {
        String name = ctx.pathParam("action");
        return switch (name) {
            case "cancel" -> BulkAction.CANCEL;
            case "retry" -> BulkAction.RETRY;
            default -> throw new ConsoleRefusal(404, "no bulk action '" + name + "' (cancel or retry)");
        };
    }

    private static String name(BulkAction action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    private static String verb(BulkAction action) {
        return action == BulkAction.CANCEL ? "Cancel" : "Retry";
    }
}
