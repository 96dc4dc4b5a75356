package io.hourglass.spring.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A real HTTP client of the application under test, signed in as one of its users (HTTP Basic, as the test
 * application's security asks) or as nobody, keeping cookies like a browser, and sending the Origin header a
 * browser sends with a form.
 */
final class WebClient {
    private final String url;
    private final String authorization;
    private final HttpClient http;

    private WebClient(String url, String authorization) {
        this.url = url;
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static WebClient as(int port, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new WebClient("http://localhost:" + port, "Basic " + basic);
    }

    static WebClient anonymous(int port) {
        return new WebClient("http://localhost:" + port, null);
    }

    String origin() {
        return url;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    Document page(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return Jsoup.parse(r.body(), url + path);
    }

    HttpResponse<String> postJson(String path, String json, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return send(b);
    }

    /** A form as a browser posts it from one of the application's pages. */
    HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", url).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Opens an event stream as a browser's EventSource does; its lines are read as they arrive. */
    EventStream events(String path) throws IOException, InterruptedException {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        HttpResponse<InputStream> r = http.send(request(path).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                in.lines().forEach(lines::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                lines.add("closed: " + e);
            } finally {
                ended.set(true);
            }
        }, "test-event-stream");
        reader.setDaemon(true);
        reader.start();
        return new EventStream(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), lines, ended,
                r.body());
    }

    record EventStream(int status, String contentType, List<String> lines,
                       java.util.concurrent.atomic.AtomicBoolean readerDone, InputStream body) implements AutoCloseable {
        /** Whether the server ended the stream (or it broke). */
        boolean ended() {
            return readerDone.get();
        }

        boolean sawEvent(String name) {
            synchronized (lines) {
                return lines.contains("event: " + name);
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
