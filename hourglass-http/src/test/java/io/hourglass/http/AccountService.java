package io.hourglass.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The story-1 account service on 127.0.0.1 and a free port: {@code GET /account/} answers the scripted responses in
 * turn (the last one again once they run out). A response may hang until the service closes, before its headers or
 * in the middle of its body, for timeouts. Every request's headers are recorded.
 */
final class AccountService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted answer. */
    record Answer(int status, String body, Map<String, String> headers, Hang hang) {
        /** Where an answer waits for the service to close: nowhere, before its headers, or after half its body. */
        enum Hang { NO, BEFORE_HEADERS, AFTER_HALF_THE_BODY }

        static Answer json(Object document, String... headerPairs) {
            try {
                return new Answer(200, JSON.writeValueAsString(document), pairs(headerPairs), Hang.NO);
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }

        static Answer of(int status, String body, String... headerPairs) {
            return new Answer(status, body, pairs(headerPairs), Hang.NO);
        }

        static Answer hanging() {
            return new Answer(200, "[]", Map.of(), Hang.BEFORE_HEADERS);
        }

        /** Headers and half of a JSON list at once, the rest never (until the service closes). */
        static Answer stallingBody() {
            return new Answer(200, "[{\"id\": 1}, {\"id\": 2}]", Map.of(), Hang.AFTER_HALF_THE_BODY);
        }

        private static Map<String, String> pairs(String... pairs) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                map.put(pairs[i], pairs[i + 1]);
            }
            return map;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile Answer last = Answer.json(List.of());
    private final CountDownLatch closing = new CountDownLatch(1);
    final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();

    AccountService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/account/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/account/";
    }

    AccountService answer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** The value of a header in request {@code index} (0 for the first), or null. */
    String header(int index, String name) {
        return requests.get(index).entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(Map.copyOf(exchange.getRequestHeaders()));
        Answer answer = script.poll();
        if (answer == null) {
            answer = last;
        } else {
            last = answer;
        }
        if (answer.hang() == Answer.Hang.BEFORE_HEADERS) {
            awaitClosing();
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        boolean empty = answer.status() == 304 || answer.status() == 204;
        exchange.sendResponseHeaders(answer.status(), empty ? -1 : bytes.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                if (answer.hang() == Answer.Hang.AFTER_HALF_THE_BODY) {
                    out.write(bytes, 0, bytes.length / 2);
                    out.flush();
                    awaitClosing();
                    return; // closing the service ends the exchange; the rest of the body is never sent
                }
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private void awaitClosing() {
        try {
            closing.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
