package io.hourglass.micrometer;

import io.hourglass.attempt.Outcome;
import io.hourglass.engine.EngineListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's events as Prometheus series: jobs enqueued and claimed per queue, attempts ended per queue and
 * outcome, start latency (due to start) and run duration as histograms, lease expiries and refused completions
 * per queue. These count what this node saw (its own claims and attempts, the remote workers it served, the
 * leases it reaped): a cluster's totals are the sum over its nodes, as Prometheus does with {@code sum by}.
 *
 * <p>Called on the engine's threads, so each meter is looked up once per queue (and outcome) and then taken from
 * a map: the hot path is a map read and an atomic add.
 *
 * <p>Its own module so that every place a node runs names its series the same way: the server registers it on
 * its Prometheus registry, the Spring Boot starter on the application's {@link MeterRegistry}. Register it with
 * {@code HourglassBuilder.listener(new EngineMetrics(registry))}.
 */
public final class EngineMetrics implements EngineListener {
    /**
     * Bucket bounds for latency and duration: from a few milliseconds (a busy node) to an hour (a backlog).
     * Percentiles come from these with PromQL's {@code histogram_quantile}, which also sums across nodes.
     */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

    private final MeterRegistry registry;
    private final Map<String, Counter> enqueued = new ConcurrentHashMap<>();
    private final Map<String, Counter> claimed = new ConcurrentHashMap<>();
    private final Map<String, Counter> completed = new ConcurrentHashMap<>();
    private final Map<String, Counter> expired = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final Map<String, Timer> startLatency = new ConcurrentHashMap<>();
    private final Map<String, Timer> runDuration = new ConcurrentHashMap<>();

    /** Meters are registered on {@code registry} as queues (and outcomes) are first seen. */
    public EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void jobsEnqueued(String queue, int count) {
        enqueued.computeIfAbsent(queue, q -> counter("hourglass.jobs.enqueued", "Jobs created, by queue", q))
                .increment(count);
    }

    @Override
    public void jobsClaimed(String queue, int count) {
        claimed.computeIfAbsent(queue, q -> counter("hourglass.jobs.claimed",
                "Jobs claimed to run (by this node or a remote worker it served), by queue", q)).increment(count);
    }

    @Override
    public void attemptEnded(String task, String queue, Outcome outcome, Duration latency, Duration run) {
        completed.computeIfAbsent(queue + '\n' + outcome.wireName(), key -> Counter.builder("hourglass.jobs.completed")
                .description("Attempts ended, by queue and outcome (a retried job counts once per attempt)")
                .tags("queue", queue, "outcome", outcome.wireName()).register(registry)).increment();
        startLatency.computeIfAbsent(queue, q -> timer("hourglass.job.start.latency",
                "From when a job was due to when its attempt started", q)).record(latency);
        runDuration.computeIfAbsent(queue, q -> timer("hourglass.job.run.duration",
                "From an attempt's start to its end", q)).record(run);
    }

    @Override
    public void leaseExpired(String task, String queue) {
        expired.computeIfAbsent(queue, q -> counter("hourglass.lease.expiries",
                "Jobs taken over because their owner stopped heartbeating, by queue", q)).increment();
    }

    @Override
    public void completionRefused(String task, String queue, long jobId, Outcome outcome) {
        refused.computeIfAbsent(queue, q -> counter("hourglass.completions.refused",
                "Attempt ends refused because the owner had lost the lease, by queue", q)).increment();
    }

    private Counter counter(String name, String description, String queue) {
        return Counter.builder(name).description(description).tag("queue", queue).register(registry);
    }

    private Timer timer(String name, String description, String queue) {
        return Timer.builder(name).description(description).tag("queue", queue).serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
