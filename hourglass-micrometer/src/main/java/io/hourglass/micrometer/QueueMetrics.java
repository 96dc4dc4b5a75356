package io.hourglass.micrometer;

import io.hourglass.HourglassClient;
import io.hourglass.job.JobState;
import io.hourglass.queue.QueueConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Queue depth and running jobs per queue as the gauge {@code hourglass.queue.jobs{queue, state}} (state
 * {@code scheduled}: waiting, {@code running}: claimed), counted by the store through {@link HourglassClient}, so
 * every node reports the cluster's view, not its own share. One row per queue that has settings or jobs and per
 * state, zero included, so a queue that empties reads 0 rather than disappearing.
 *
 * <p>The counts are read when the gauge is read, at most once per {@code maxAge} (a scrape reads every row, and
 * they share one grouped query over the unfinished jobs' narrow indexes); a registry nobody reads costs nothing.
 * A queue seen for the first time gets its rows at that read, and they are reported from the next one on.
 * The server registers it on its Prometheus registry, the Spring Boot starter on the application's registry.
 */
public final class QueueMetrics {
    /** The gauge's name, as the server exports it ({@code hourglass_queue_jobs} in Prometheus). */
    public static final String NAME = "hourglass.queue.jobs";
    /** How long one reading of the counts serves the rows of a scrape. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(1);
    private static final List<JobState> STATES = List.of(JobState.SCHEDULED, JobState.RUNNING);

    private final HourglassClient client;
    private final Clock clock;
    private final Duration maxAge;
    private final MultiGauge gauge;
    private final Object lock = new Object();
    // guarded by lock
    private Map<String, Map<JobState, Long>> counts = Map.of();
    private Set<String> queues = Set.of();
    private Instant readAt = Instant.MIN;

    /** Registers the rows of the queues there are now; reads the store once. */
    public QueueMetrics(HourglassClient client, MeterRegistry registry, Clock clock, Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge: must not be negative, was " + maxAge);
        }
        this.client = client;
        this.clock = clock;
        this.maxAge = maxAge;
        this.gauge = MultiGauge.builder(NAME)
                .description("Jobs per queue and state (scheduled: waiting, running: claimed)")
                .register(registry);
        refresh();
    }

    /** Reads the counts now, and registers rows for queues that appeared since the last read. */
    public void refresh() {
        Map<String, Map<JobState, Long>> read = client.jobCountsByQueue(EnumSet.copyOf(STATES));
        Set<String> names = new TreeSet<>(read.keySet());
        for (QueueConfig queue : client.queues()) {
            names.add(queue.name());
        }
        boolean changed;
        synchronized (lock) {
            counts = read;
            readAt = clock.instant();
            changed = !names.equals(queues);
            queues = names;
        }
        if (changed) {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String queue : names) {
                for (JobState state : STATES) {
                    rows.add(MultiGauge.Row.of(Tags.of("queue", queue, "state", state.wireName()), this,
                            m -> m.count(queue, state)));
                }
            }
            gauge.register(rows, true);
        }
    }

    private double count(String queue, JobState state) {
        boolean stale;
        synchronized (lock) {
            stale = readAt.plus(maxAge).isBefore(clock.instant());
        }
        if (stale) {
            refresh();
        }
        synchronized (lock) {
            return counts.getOrDefault(queue, Map.of()).getOrDefault(state, 0L);
        }
    }
}
