package io.hourglass.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * Start latency (from due to start) percentiles of this node's attempts since it started, read from the same
 * histogram Prometheus scrapes ({@code hourglass_job_start_latency_seconds}, summed over queues). A histogram
 * knows only which bucket a value fell in, so each percentile is the upper bound of its bucket ("p99 at most
 * 25 ms"), the figure the histogram can vouch for; {@code null} means above the largest bucket (an hour).
 *
 * @param attempts how many attempts the figures cover
 * @param p50      at most this, or null when above the largest bucket or with no attempts
 * @param p99      at most this, or null likewise
 */
public record StartLatency(long attempts, Duration p50, Duration p99) {

    /** From the {@code hourglass.job.start.latency} timers ({@code EngineMetrics}) on {@code registry}. */
    public static StartLatency of(MeterRegistry registry) {
        return of(registry.find("hourglass.job.start.latency").timers());
    }

    /** No figures: a node whose engine events are not recorded. */
    public static StartLatency none() {
        return of(java.util.List.of());
    }

    static StartLatency of(Collection<Timer> timers) {
        long total = 0;
        double[] bounds = null;
        double[] cumulative = null;
        for (Timer timer : timers) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            CountAtBucket[] buckets = snapshot.histogramCounts();
            if (bounds == null) {
                bounds = new double[buckets.length];
                cumulative = new double[buckets.length];
                for (int i = 0; i < buckets.length; i++) {
                    bounds[i] = buckets[i].bucket(TimeUnit.NANOSECONDS);
                }
            }
            for (int i = 0; i < buckets.length && i < cumulative.length; i++) {
                cumulative[i] += buckets[i].count();
            }
            total += snapshot.count();
        }
        if (total == 0 || bounds == null) {
            return new StartLatency(0, null, null);
        }
        return new StartLatency(total, bound(0.50, total, bounds, cumulative), bound(0.99, total, bounds, cumulative));
    }

    /** The smallest bucket bound under which at least {@code q} of the values fell (buckets count cumulatively). */
    private static Duration bound(double q, long total, double[] bounds, double[] cumulative) {
        for (int i = 0; i < bounds.length; i++) {
            if (cumulative[i] >= q * total) {
                return Duration.ofNanos((long) bounds[i]);
            }
        }
        return null;
    }
}
