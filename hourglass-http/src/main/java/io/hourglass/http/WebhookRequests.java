package io.hourglass.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.InvalidRequestException;
import io.hourglass.task.JobContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns settings plus one job into the HTTP request to send: applies per-job overrides (when allowed), renders the
 * URL and body templates, and signs. Bad job input becomes an {@link InvalidRequestException} naming the field,
 * which the executor records as {@code failed}: sending it again would not help.
 */
final class WebhookRequests {
    /** The kwargs key that holds per-job overrides; it is never part of the rendered body. */
    static final String OVERRIDES_KEY = "_http";
    static final String JOB_ID_HEADER = "X-Hourglass-Job-Id";
    static final String ATTEMPT_HEADER = "X-Hourglass-Attempt";
    private static final Set<String> OVERRIDE_FIELDS = Set.of("url", "method", "headers");

    /** A request ready to send, with a description of its target that is safe to show (no query, no userinfo). */
    record Prepared(HttpRequest request, String target) {
    }

    private final WebhookSettings settings;
    private final Clock clock;
    private final ObjectMapper json;

    WebhookRequests(WebhookSettings settings, Clock clock, ObjectMapper json) {
        this.settings = settings;
        this.clock = clock;
        this.json = json;
    }

    Prepared prepare(JobContext job, Duration timeout) {
        Map<String, Object> kwargs = new LinkedHashMap<>(job.kwargs());
        Object overrides = kwargs.remove(OVERRIDES_KEY);
        String method = settings.method();
        String url = settings.urlTemplate().render("url", job, kwargs, Template.Escaping.URL_COMPONENT, json);
        Map<String, String> headers = new LinkedHashMap<>(settings.headers());
        if (overrides != null) {
            InvalidRequestException.require(settings.allowJobOverrides(), "kwargs." + OVERRIDES_KEY,
                    "per-job overrides are off for this task; they let whoever enqueues choose what this node "
                            + "calls (SSRF), so enable allowJobOverrides only when every client is trusted");
            Map<?, ?> override = asMap("kwargs." + OVERRIDES_KEY, overrides);
            for (Object key : override.keySet()) {
                InvalidRequestException.require(OVERRIDE_FIELDS.contains(String.valueOf(key)),
                        "kwargs." + OVERRIDES_KEY, "unknown override '" + key + "': use url, method or headers");
            }
            if (override.get("url") != null) {
                url = String.valueOf(override.get("url"));
            }
            if (override.get("method") != null) {
                method = String.valueOf(override.get("method")).toUpperCase(Locale.ROOT);
                WebhookSettings.checkMethod("kwargs._http.method", method);
            }
            if (override.get("headers") != null) {
                asMap("kwargs._http.headers", override.get("headers"))
                        .forEach((k, v) -> headers.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
                headers.forEach((k, v) -> WebhookSettings.checkHeader("kwargs._http.headers", k, v,
                        settings.signatureHeader()));
            }
        }
        URI uri = WebhookSettings.checkUrl(overrides == null ? "url" : "kwargs._http.url", url);
        byte[] body = hasBody(method) ? body(job, kwargs) : new byte[0];

        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(request::header);
        request.header(JOB_ID_HEADER, Long.toString(job.jobId()));
        request.header(ATTEMPT_HEADER, Integer.toString(job.attempt()));
        if (hasBody(method) && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", WebhookSettings.DEFAULT_CONTENT_TYPE);
        }
        if (settings.signed()) {
            long now = clock.instant().getEpochSecond();
            request.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
            request.header(settings.signatureHeader(), WebhookSignature.sign(settings.hmacSecret(), now, body));
        }
        request.method(method, hasBody(method)
                ? HttpRequest.BodyPublishers.ofByteArray(body) : HttpRequest.BodyPublishers.noBody());
        return new Prepared(request.build(), method + " " + Redaction.withoutQuery(uri.toString()));
    }

    private static boolean hasBody(String method) {
        return !method.equals("GET") && !method.equals("HEAD");
    }

    private byte[] body(JobContext job, Map<String, Object> kwargs) {
        Template template = settings.bodyTemplateParsed();
        if (template != null) {
            boolean jsonBody = settings.contentType().toLowerCase(Locale.ROOT).matches(".*[/+]json.*");
            Template.Escaping escaping = jsonBody ? Template.Escaping.JSON_STRING : Template.Escaping.NONE;
            return template.render("bodyTemplate", job, kwargs, escaping, json).getBytes(StandardCharsets.UTF_8);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("job_id", job.jobId());
        document.put("task", job.task());
        document.put("attempt", job.attempt());
        document.put("args", job.args());
        document.put("kwargs", kwargs);
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("kwargs", "job " + job.jobId() + ": arguments cannot be written as JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static Map<?, ?> asMap(String field, Object value) {
        InvalidRequestException.require(value instanceof Map, field,
                "must be an object, was " + value.getClass().getSimpleName());
        return (Map<?, ?>) value;
    }
}
