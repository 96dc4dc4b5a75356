package io.hourglass.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The webhook endpoint of the benchmark: a JDK HTTP server on 127.0.0.1 (a free port) that reads each request,
 * answers 204, counts it, and, when the URL carries {@code ?due=<epoch micros>}, records arrival minus due. The
 * arrival time is taken before the body is read, so it is when the request reached the receiver.
 */
final class WebhookReceiver implements AutoCloseable {
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService threads;
    private final LongAdder requests = new LongAdder();
    private final Recorder lateness = new Recorder(3);

    WebhookReceiver(Clock clock, int threadCount) throws IOException {
        this.clock = clock;
        AtomicInteger counter = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "bench-receiver-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/hook", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The URL jobs call; {@code query} is appended as-is (it may hold template placeholders). */
    String url(String query) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook" + (query.isEmpty() ? "" : "?" + query);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrivedMicros = ExecutorRuns.epochMicros(clock.instant());
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.startsWith("due=")) {
                long dueMicros = Long.parseLong(query.substring("due=".length()));
                lateness.recordValue(Math.max(0, arrivedMicros - dueMicros));
            }
            requests.increment();
            exchange.sendResponseHeaders(204, -1);
        }
    }

    long requests() {
        return requests.sum();
    }

    /** Arrival minus due, in microseconds, of every request that carried a due time. */
    Histogram lateness() {
        return lateness.getIntervalHistogram();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
