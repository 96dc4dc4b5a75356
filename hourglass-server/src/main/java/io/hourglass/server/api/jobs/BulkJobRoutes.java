package io.hourglass.server.api.jobs;

import io.hourglass.HourglassClient;
import io.hourglass.job.BulkResult;
import io.hourglass.job.JobCount;
import io.hourglass.server.auth.Access;
import io.hourglass.server.http.ApiException;
import io.hourglass.server.http.QueryParam;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.util.List;
import java.util.stream.Stream;

/**
 * "All jobs matching" under {@code /api/v1/jobs}: a bounded count, and cancel or retry of up to {@code limit}
 * matching jobs. They take the list's filters as query parameters, read by the same {@link JobQueries}, so a filter
 * means the same thing (and is refused with the same message) in the list, the count and the actions. The
 * {@code cursor} filter pins the set: pass the id above the newest job you looked at, and jobs enqueued since are
 * left alone. Counting and acting stop at {@link HourglassClient#MAX_BULK}.
 */
final class BulkJobRoutes {
    static final QueryParam CAP = QueryParam.integer("cap", "Count at most this many, 1 to "
            + HourglassClient.MAX_BULK + " (default " + HourglassClient.MAX_BULK + ")");
    static final QueryParam LIMIT = QueryParam.integer("limit", "Act on at most this many matching jobs, newest"
            + " first, 1 to " + HourglassClient.MAX_BULK).asRequired();

    private final HourglassClient client;

    private BulkJobRoutes(HourglassClient client) {
        this.client = client;
    }

    static void register(Routes routes, HourglassClient client) {
        BulkJobRoutes r = new BulkJobRoutes(client);
        routes.get("/api/v1/jobs/count", Access.READ, r::count).query(with(CAP))
                .summary("Counts the jobs matching the list's filters, up to cap (more=true: more than count match)")
                .response(JobCount.class);
        routes.post("/api/v1/jobs/cancel", Access.WRITE, r::cancel).query(with(LIMIT))
                .summary("Cancels up to limit scheduled or running jobs matching the list's filters, newest first,"
                        + " as the single cancel does each (matched: tried; applied: cancelled or asked to stop;"
                        + " more: further jobs matched)")
                .response(BulkResult.class);
        routes.post("/api/v1/jobs/retry", Access.WRITE, r::retry).query(with(LIMIT))
                .summary("Retries up to limit finished jobs matching the list's filters, newest first, each as a"
                        + " fresh copy due now; without a state filter, failed and cancelled jobs (applied: copies"
                        + " created)")
                .response(BulkResult.class);
    }

    private static List<QueryParam> with(QueryParam extra) {
        return Stream.concat(JobQueries.FILTERS.stream(), Stream.of(extra)).toList();
    }

    /** The required limit: a bulk action always says how many jobs it may touch. */
    private static int limit(Context ctx) {
        Integer limit = LIMIT.integer(ctx, 1, HourglassClient.MAX_BULK);
        if (limit == null) {
            throw ApiException.badRequest("limit", "is required: at most how many matching jobs to act on, 1 to "
                    + HourglassClient.MAX_BULK);
        }
        return limit;
    }

    private void count(Context ctx) {
        int cap = CAP.integer(ctx, 1, HourglassClient.MAX_BULK, HourglassClient.MAX_BULK);
        ctx.json(client.countJobs(JobQueries.filters(ctx), cap));
    }

    private void cancel(Context ctx) {
        ctx.json(client.cancelMatching(JobQueries.filters(ctx), limit(ctx)));
    }

    private void retry(Context ctx) {
        ctx.json(client.retryMatching(JobQueries.filters(ctx), limit(ctx)));
    }
}
