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
