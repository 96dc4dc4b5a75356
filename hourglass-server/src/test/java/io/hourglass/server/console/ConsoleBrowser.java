package io.hourglass.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A browser without JavaScript for the console's HTTP tests: keeps cookies, does not follow redirects (tests see
 * them), parses pages with jsoup, and posts forms with the Origin a real browser sends (or another, to forge).
 */
final class ConsoleBrowser {
    /** One answer: status, Location header, parsed page. */
    record Page(int status, String location, Document doc, HttpResponse<String> raw) {
    }

    private final String url;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    ConsoleBrowser(String url) {
        this.url = url;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    String origin() {
        return url;
    }

    HttpCookie cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElse(null);
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Accept", "text/html").GET());
    }

    /** A POST from this console's own page: Origin and Sec-Fetch-Site as a browser sends them. */
    Page post(String path, Map<String, String> fields) {
        return post(path, fields, url, "same-origin");
    }

    Page post(String path, Map<String, String> fields, String origin, String fetchSite) {
        String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (fetchSite != null) {
            b.header("Sec-Fetch-Site", fetchSite);
        }
        return send(b);
    }

    /** Logs in with a token through the login form; returns the page the login redirected to. */
    Page login(String base, String token) {
        Page answer = post(base + "/login", Map.of("token", token));
        if (answer.status() != 303) {
            throw new AssertionError("login answered " + answer.status() + ": " + answer.doc().text());
        }
        return get(answer.location());
    }

    /** The CSRF token of the first form on a page. */
    static String csrf(Page page) {
        return page.doc().select("input[name=csrf]").attr("value");
    }

    /** An open event stream: its status and every line read so far (read on a thread of the HTTP client's). */
    record EventStream(int status, java.util.List<String> lines, java.io.InputStream body)
            implements AutoCloseable {
        /** The data lines of each event of this name so far, joined ("event: x" then "data: ..." lines). */
        java.util.List<String> data(String event) {
            java.util.List<String> found = new java.util.ArrayList<>();
            java.util.List<String> copy;
            synchronized (lines) {
                copy = java.util.List.copyOf(lines);
            }
            for (int i = 0; i < copy.size(); i++) {
                if (copy.get(i).equals("event: " + event)) {
                    StringBuilder sb = new StringBuilder();
                    for (int j = i + 1; j < copy.size() && copy.get(j).startsWith("data: "); j++) {
                        sb.append(copy.get(j).substring(6)).append('\n');
                    }
                    found.add(sb.toString());
                }
            }
            return found;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Opens an event stream as a browser's EventSource does (with this browser's cookies). */
    EventStream events(String path) {
        java.util.List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).header("Accept", "text/event-stream")
                .GET().build();
        try {
            HttpResponse<java.io.InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = new Thread(() -> {
                        try (java.io.BufferedReader in = new java.io.BufferedReader(
                                new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                            for (String line; (line = in.readLine()) != null; ) {
                                lines.add(line);
                            }
                        } catch (IOException e) {
                            lines.add("closed: " + e);
                        }
                    }, "event-stream-reader");
            reader.setDaemon(true);
            reader.start();
            return new EventStream(r.statusCode(), lines, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(r.statusCode(), r.headers().firstValue("Location").orElse(null), Jsoup.parse(r.body()),
                    r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
