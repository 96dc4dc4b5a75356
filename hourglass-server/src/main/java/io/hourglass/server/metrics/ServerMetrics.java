package io.hourglass.server.metrics;

import io.hourglass.HourglassClient;
import io.hourglass.engine.EngineListener;
import io.hourglass.micrometer.EngineMetrics;
import io.hourglass.micrometer.QueueMetrics;
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
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics at {@code /metrics}: every HTTP request timed by method, route and status
 * ({@code http_server_requests_seconds}), queue depth and running jobs per queue ({@link QueueMetrics},
 * {@code hourglass_queue_jobs}, counted at each scrape, so every node reports the cluster's view), what this node's engine did
 * ({@link EngineMetrics}: jobs enqueued, claimed and completed, start latency and run duration histograms, lease
 * expiries), and JVM metrics.
 */
public final class ServerMetrics implements AutoCloseable {
    private static final String STARTED_AT = "hourglass.metrics.started";
    private static final String MEDIA = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private final EngineMetrics engine = new EngineMetrics(registry);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServerMetrics(Clock clock) {
        this.clock = clock;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    /** The listener to register on the server's node ({@code HourglassBuilder.listener}). */
    public EngineListener engineListener() {
        return engine;
    }

    /** This node's start latency percentiles since it started, from its start latency histogram. */
    public StartLatency startLatency() {
        return StartLatency.of(registry);
    }

    /** {@code /metrics}, with the queue gauges of {@code client}'s cluster, and the HTTP request timer. */
    public void register(Routes routes, HourglassClient client) {
        QueueMetrics queues = new QueueMetrics(client, registry, clock, QueueMetrics.DEFAULT_MAX_AGE);
        routes.app().before(ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
        routes.app().after(this::record);
        routes.get("/metrics", Access.PUBLIC, ctx -> {
            queues.refresh();
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

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
