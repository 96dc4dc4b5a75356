package io.hourglass.server.api.jobs;

import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.server.http.ApiException;
import io.hourglass.server.http.Params;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a job list's query string: {@code state} (comma-separated wire names), {@code queue}, {@code task},
 * {@code dedupKey}, {@code schedule}, {@code dueFrom}/{@code dueTo} (ISO-8601), {@code cursor}, {@code limit}.
 */
final class JobQueries {
    private JobQueries() {
    }

    static JobQuery from(Context ctx) {
        return JobQuery.all()
                .withStates(states(ctx.queryParam("state")))
                .withQueue(ctx.queryParam("queue"))
                .withTask(ctx.queryParam("task"))
                .withDedupKey(ctx.queryParam("dedupKey"))
                .withScheduleName(ctx.queryParam("schedule"))
                .withDueBetween(Params.queryInstant(ctx, "dueFrom"), Params.queryInstant(ctx, "dueTo"))
                .withCursor(ctx.queryParam("cursor"))
                .withLimit(Params.queryInt(ctx, "limit", 1, JobQuery.MAX_LIMIT, JobQuery.DEFAULT_LIMIT));
    }

    private static Set<JobState> states(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<JobState> states = EnumSet.noneOf(JobState.class);
        for (String name : value.split(",")) {
            try {
                states.add(JobState.fromWireName(name.trim()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("state", "unknown state '" + name.trim()
                        + "' (expected scheduled, running, succeeded, failed or cancelled)");
            }
        }
        return states;
    }
}
