package io.hourglass.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A local HTTP endpoint for webhook tasks (the JDK's {@code com.sun.net.httpserver}): records every request it
 * gets and answers each path with the status set for it (200 by default).
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Call(String method, String path, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WebhookReceiver receiver = new WebhookReceiver(http);
        http.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            receiver.calls.add(new Call(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()),
                    body));
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(receiver.statuses.getOrDefault(path, 200), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        http.setExecutor(receiver.threads);
        http.start();
        return receiver;
    }

    /** The URL of {@code path} on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers requests to {@code path} with {@code status} from now on. */
    public void answer(String path, int status) {
        statuses.put(path, status);
    }

    public List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
