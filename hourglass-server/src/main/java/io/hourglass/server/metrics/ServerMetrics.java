package io.hourglass.server.metrics;

import io.hourglass.engine.EngineListener;
import io.hourglass.micrometer.EngineMetrics;
import io.hourglass.job.JobState;
import io.hourglass.queue.QueueConfig;
import io.hourglass.store.Store;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.hourglass.server.auth.Access;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics at {@code /metrics}: every HTTP request timed by method, route and status
 * ({@code http_server_requests_seconds}), queue depth and running jobs per queue ({@code hourglass_queue_jobs},
 * counted by the store at scrape time, so every node reports the cluster's view), what this node's engine did
 * ({@link EngineMetrics}: jobs enqueued, claimed and completed, start latency and run duration histograms, lease
 * expiries), and JVM metrics.
 */
public final class ServerMetrics implements AutoCloseable {
    private static final String STARTED_AT = "hourglass.metrics.started";
    private static final String MEDIA = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Store store;
    private final EngineMetrics engine = new EngineMetrics(registry);
    private final MultiGauge queueJobs;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServerMetrics(Store store) {
        this.store = store;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        queueJobs = MultiGauge.builder("hourglass.queue.jobs")
                .description("Jobs per queue and state (scheduled: waiting, running: claimed)")
                .register(registry);
    }

    /** The listener to register on the server's node ({@code HourglassBuilder.listener}). */
    public EngineListener engineListener() {
        return engine;
    }

    /** This node's start latency percentiles since it started, from its start latency histogram. */
    public StartLatency startLatency() {
        return StartLatency.of(registry.find("hourglass.job.start.latency").timers());
    }

    public void register(Routes routes) {
        routes.app().before(ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
        routes.app().after(this::record);
        routes.get("/metrics", Access.PUBLIC, ctx -> {
            refreshQueues();
            ctx.contentType(MEDIA).result(registry.scrape());
        }).summary("Prometheus metrics").responseText(MEDIA);
    }

    private void record(Context ctx) {
        Long started = ctx.attribute(STARTED_AT);
        if (started == null) {
            return;
        }
        String route;
        try {
            route = ctx.endpointHandlerPath();
        } catch (RuntimeException unmatched) {
            route = "unmatched";
        }
        Timer.builder("http.server.requests").description("HTTP requests by method, route and status")
                .tags("method", ctx.method().name(), "route", route, "status", String.valueOf(ctx.statusCode()))
                .register(registry).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private void refreshQueues() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        Map<String, Map<JobState, Long>> counts = store.countJobsByQueueAndState(java.util.EnumSet.of(
                JobState.SCHEDULED, JobState.RUNNING));
        for (QueueConfig queue : store.findQueues()) {
            Map<JobState, Long> ofQueue = counts.getOrDefault(queue.name(), Map.of());
            for (JobState state : List.of(JobState.SCHEDULED, JobState.RUNNING)) {
                rows.add(MultiGauge.Row.of(Tags.of("queue", queue.name(), "state", state.wireName()),
                        ofQueue.getOrDefault(state, 0L)));
            }
        }
        queueJobs.register(rows, true);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
