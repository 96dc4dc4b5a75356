package io.hourglass.server.metrics;

import io.hourglass.HourglassClient;
import io.hourglass.job.JobQuery;
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
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics at {@code /metrics}: every HTTP request timed by method, route and status
 * ({@code http_server_requests_seconds}), queue depth and running jobs per queue ({@code hourglass_queue_jobs},
 * read from the store at scrape time, so every node reports the cluster's view), and JVM metrics. Per-job
 * counters from inside the engine (claims, outcomes, start latency) need engine hooks and are not here yet.
 */
public final class ServerMetrics implements AutoCloseable {
    private static final String STARTED_AT = "hourglass.metrics.started";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HourglassClient client;
    private final Store store;
    private final MultiGauge queueJobs;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServerMetrics(HourglassClient client, Store store) {
        this.client = client;
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

    public void register(Javalin app) {
        app.before(ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
        app.after(this::record);
        app.get("/metrics", ctx -> {
            refreshQueues();
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
        });
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
        for (QueueConfig queue : client.queues()) {
            long scheduled = store.countScheduled(queue.name());
            long running = client.jobs(JobQuery.all().withQueue(queue.name()).withStates(Set.of(JobState.RUNNING))
                    .withLimit(JobQuery.MAX_LIMIT)).items().size();
            rows.add(MultiGauge.Row.of(Tags.of("queue", queue.name(), "state", "scheduled"), scheduled));
            rows.add(MultiGauge.Row.of(Tags.of("queue", queue.name(), "state", "running"), running));
        }
        queueJobs.register(rows, true);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
