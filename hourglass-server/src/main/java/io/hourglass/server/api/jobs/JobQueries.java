package io.hourglass.server.api.jobs;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.server.http.ApiException;
import io.hourglass.server.http.Params;
import io.hourglass.server.http.QueryParam;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a job list's query string into a {@link JobQuery}. {@link #PARAMS} are the parameters the route declares,
 * documents and reads, and the only ones it accepts. Time ranges are ISO-8601 instants, {@code ...From} inclusive
 * and {@code ...To} exclusive.
 */
public final class JobQueries {
    private static final String STATES = Arrays.stream(JobState.values()).map(JobState::wireName)
            .collect(Collectors.joining(", "));
    private static final String OUTCOMES = Arrays.stream(Outcome.values()).map(Outcome::wireName)
            .collect(Collectors.joining(", "));
    static final QueryParam STATE = QueryParam.string("state",
            "Comma-separated states: " + STATES);
    static final QueryParam QUEUE = QueryParam.string("queue", "Jobs of this queue");
    static final QueryParam TASK = QueryParam.string("task", "Jobs of this task");
    static final QueryParam DEDUP_KEY = QueryParam.string("dedupKey", "The job with this dedup key");
    static final QueryParam SCHEDULE = QueryParam.string("schedule", "Jobs the schedule of this name created");
    static final QueryParam OUTCOME = QueryParam.string("outcome",
            "Jobs whose last attempt ended so: " + OUTCOMES);
    static final QueryParam NODE = QueryParam.string("node",
            "Jobs held by this node or remote worker now, or that it ran to their end");
    static final QueryParam DUE_FROM = QueryParam.instant("dueFrom", "Due at or after this instant");
    static final QueryParam DUE_TO = QueryParam.instant("dueTo", "Due before this instant");
    static final QueryParam CREATED_FROM = QueryParam.instant("createdFrom", "Created at or after this instant");
    static final QueryParam CREATED_TO = QueryParam.instant("createdTo", "Created before this instant");
    static final QueryParam FINISHED_FROM = QueryParam.instant("finishedFrom", "Finished at or after this instant");
    static final QueryParam FINISHED_TO = QueryParam.instant("finishedTo", "Finished before this instant");
    static final QueryParam TEXT = QueryParam.string("text", "Search: a number finds the job with that id (or"
            + " that dedup key); other text, jobs with that dedup key or whose args or kwargs (as JSON) contain it,"
            + " case-sensitive");
    static final QueryParam CURSOR = QueryParam.string("cursor", "nextCursor of the previous page");
    static final QueryParam LIMIT = QueryParam.integer("limit",
            "Page size, 1 to " + JobQuery.MAX_LIMIT + " (default " + JobQuery.DEFAULT_LIMIT + ")");

    /** The filters, shared by the list, the count and the bulk actions. */
    static final List<QueryParam> FILTERS = List.of(STATE, QUEUE, TASK, DEDUP_KEY, SCHEDULE, OUTCOME, NODE,
            DUE_FROM, DUE_TO, CREATED_FROM, CREATED_TO, FINISHED_FROM, FINISHED_TO, TEXT, CURSOR);
    static final List<QueryParam> PARAMS = java.util.stream.Stream.concat(FILTERS.stream(), java.util.stream.Stream
            .of(LIMIT)).toList();

    private JobQueries() {
    }

    /** A list page's query: the filters with the cursor and page size. */
    public static JobQuery from(Context ctx) {
        return filters(ctx).withLimit(LIMIT.integer(ctx, 1, JobQuery.MAX_LIMIT, JobQuery.DEFAULT_LIMIT));
    }

    /** The filters alone ({@link #FILTERS}, the cursor included: only ids below it), for counts and bulk actions. */
    public static JobQuery filters(Context ctx) {
        return filters(ctx::queryParam);
    }

    /**
     * The filters from any source of named values (the console's forms post them); a blank value is no filter.
     * A refused value is an {@link ApiException} (or {@code InvalidRequestException}) naming the parameter.
     */
    public static JobQuery filters(Function<String, String> param) {
        Function<QueryParam, String> text = p -> blankAsNull(param.apply(p.name()));
        Function<QueryParam, java.time.Instant> instant = p -> Params.instant(p.name(), text.apply(p));
        return JobQuery.all()
                .withStates(states(text.apply(STATE)))
                .withQueue(text.apply(QUEUE))
                .withTask(text.apply(TASK))
                .withDedupKey(text.apply(DEDUP_KEY))
                .withScheduleName(text.apply(SCHEDULE))
                .withOutcome(outcome(text.apply(OUTCOME)))
                .withNode(text.apply(NODE))
                .withDueBetween(instant.apply(DUE_FROM), instant.apply(DUE_TO))
                .withCreatedBetween(instant.apply(CREATED_FROM), instant.apply(CREATED_TO))
                .withFinishedBetween(instant.apply(FINISHED_FROM), instant.apply(FINISHED_TO))
                .withText(text.apply(TEXT))
                .withCursor(text.apply(CURSOR));
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value;
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
                        + "' (expected " + STATES + ")");
            }
        }
        return states;
    }

    private static Outcome outcome(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Outcome.fromWireName(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("outcome", "unknown outcome '" + value.trim() + "' (expected "
                    + OUTCOMES + ")");
        }
    }

}
