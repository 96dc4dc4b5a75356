package io.hourglass.server.api.stats;

import io.hourglass.HourglassClient;
import io.hourglass.Stats;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.JobState;
import io.hourglass.server.ServerServices;
import io.hourglass.server.http.ApiException;
import io.hourglass.server.auth.Access;
import io.hourglass.server.http.QueryParam;
import io.hourglass.server.http.Routes;
import io.hourglass.store.OutcomeCount;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/stats?from=&to=&bucket=}: jobs by state now, and attempts by outcome for every bucket of the
 * range (empty buckets included, so a chart needs no gap filling). Buckets are aligned to the epoch, not to
 * {@code from}: the first one may start before it. The store does the counting; the range is at most
 * {@link HourglassClient#MAX_STATS_BUCKETS} buckets so a response stays small.
 */
public final class StatsRoutes {
    /** The bucket sizes a client may ask for, by their query value. */
    static final Map<String, Duration> BUCKETS = Map.of("1m", Duration.ofMinutes(1), "5m", Duration.ofMinutes(5),
            "1h", Duration.ofHours(1), "1d", Duration.ofDays(1));
    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    static final String DEFAULT_BUCKET = "1h";

    /** One bucket: its start and the number of attempts that ended in it per outcome (every outcome listed). */
    record BucketView(Instant start, Map<String, Long> outcomes) {
    }

    record StatsView(Instant from, Instant to, String bucket, Map<String, Long> jobs, List<BucketView> attempts) {
    }

    private final HourglassClient client;
    private final Clock clock;

    private StatsRoutes(HourglassClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    static final QueryParam FROM = QueryParam.instant("from", "Start of the range (default: 24 h before to)");
    static final QueryParam TO = QueryParam.instant("to", "End of the range (default: now, or from + 24 h)");
    static final QueryParam BUCKET = QueryParam.string("bucket", "Bucket size: 1m, 5m, 1h or 1d (default 1h)");

    public static void register(Routes routes, ServerServices services) {
        StatsRoutes r = new StatsRoutes(services.client(), services.clock());
        routes.get("/api/v1/stats", Access.READ, r::stats).query(FROM, TO, BUCKET)
                .summary("Jobs by state now and attempts by outcome per bucket (at most "
                        + HourglassClient.MAX_STATS_BUCKETS + " buckets)")
                .response(StatsView.class);
    }

    private void stats(Context ctx) {
        String bucketName = BUCKET.value(ctx) == null ? DEFAULT_BUCKET : BUCKET.value(ctx).trim();
        Duration bucket = BUCKETS.get(bucketName);
        if (bucket == null) {
            throw ApiException.badRequest("bucket", "must be one of 1m, 5m, 1h, 1d, was '" + bucketName + "'");
        }
        Instant to = TO.instant(ctx);
        Instant from = FROM.instant(ctx);
        if (to == null) {
            to = from == null ? clock.instant() : from.plus(DEFAULT_RANGE);
        }
        if (from == null) {
            from = to.minus(DEFAULT_RANGE);
        }
        if (!from.isBefore(to)) {
            throw ApiException.badRequest("to", "must be after from (" + from + "), was " + to);
        }
        ctx.json(view(client.stats(from, to, bucket), bucketName));
    }

    private static StatsView view(Stats stats, String bucketName) {
        Map<String, Long> jobs = new LinkedHashMap<>();
        for (JobState state : JobState.values()) {
            jobs.put(state.wireName(), stats.jobsByState().getOrDefault(state, 0L));
        }
        long size = stats.bucket().getSeconds();
        long first = Math.floorDiv(stats.from().getEpochSecond(), size);
        long last = Math.floorDiv(stats.to().minusNanos(1).getEpochSecond(), size);
        Map<Instant, Map<String, Long>> buckets = new LinkedHashMap<>();
        for (long b = first; b <= last; b++) {
            Map<String, Long> outcomes = new LinkedHashMap<>();
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome.wireName(), 0L);
            }
            buckets.put(Instant.ofEpochSecond(b * size), outcomes);
        }
        for (OutcomeCount count : stats.attempts()) {
            Map<String, Long> outcomes = buckets.get(count.bucketStart());
            if (outcomes == null) {
                throw new IllegalStateException("bug: the store returned bucket " + count.bucketStart()
                        + " outside the range " + stats.from() + " to " + stats.to());
            }
            outcomes.put(count.outcome().wireName(), count.count());
        }
        List<BucketView> views = new ArrayList<>(buckets.size());
        buckets.forEach((start, outcomes) -> views.add(new BucketView(start, outcomes)));
        return new StatsView(stats.from(), stats.to(), bucketName, jobs, views);
    }
}
