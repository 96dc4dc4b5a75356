package io.hourglass.http;

import io.hourglass.InvalidRequestException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How a {@link WebhookExecutor} calls its endpoint. Built with {@link #builder(String)}; every value is checked in
 * {@link Builder#build()}, so a typo in a template or a header fails when the task is defined, not on every job.
 *
 * <p>Per-job overrides (a job's {@code kwargs._http} with {@code url}, {@code method}, {@code headers}) are off by
 * default: whoever can enqueue a job could otherwise make this node call any address it can reach, including
 * cloud metadata endpoints and internal admin services (server-side request forgery). Turn them on with
 * {@link Builder#allowJobOverrides(boolean)} only when every client that enqueues is trusted.
 */
public final class WebhookSettings {
    public static final String DEFAULT_METHOD = "POST";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Set<Integer> DEFAULT_EXPECTED_STATUS =
            IntStream.rangeClosed(200, 299).boxed().collect(Collectors.toUnmodifiableSet());
    public static final String DEFAULT_SIGNATURE_HEADER = WebhookSignature.DEFAULT_SIGNATURE_HEADER;
    public static final int DEFAULT_MAX_RESPONSE_CHARS = 64 * 1024;
    public static final String DEFAULT_CONTENT_TYPE = "application/json";

    /** Methods a webhook may use; GET and HEAD send no body. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    /** Headers the JDK client sets itself or refuses, plus the two the signature owns. */
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "connection", "content-length", "expect",
            "upgrade", WebhookSignature.TIMESTAMP_HEADER.toLowerCase(Locale.ROOT));

    private final String method;
    private final Template url;
    private final Map<String, String> headers;
    private final Template body;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final Set<Integer> expectedStatus;
    private final byte[] hmacSecret;
    private final String signatureHeader;
    private final int maxResponseChars;
    private final boolean allowJobOverrides;

    private WebhookSettings(Builder b) {
        this.method = b.method;
        this.url = b.parsedUrl;
        this.headers = Map.copyOf(b.headers);
        this.body = b.parsedBody;
        this.timeout = b.timeout;
        this.connectTimeout = b.connectTimeout;
        this.expectedStatus = Set.copyOf(b.expectedStatus);
        this.hmacSecret = b.hmacSecret == null ? null : b.hmacSecret.getBytes(StandardCharsets.UTF_8);
        this.signatureHeader = b.signatureHeader;
        this.maxResponseChars = b.maxResponseChars;
        this.allowJobOverrides = b.allowJobOverrides;
    }

    /** Settings for calling {@code url}, which may hold placeholders such as {@code {{kwargs.account}}}. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    public String method() { return method; }
    public String url() { return url.source(); }
    public Map<String, String> headers() { return headers; }
    /** The body template, or null for the default JSON body. */
    public String bodyTemplate() { return body == null ? null : body.source(); }
    public Duration timeout() { return timeout; }
    public Duration connectTimeout() { return connectTimeout; }
    public Set<Integer> expectedStatus() { return expectedStatus; }
    public boolean signed() { return hmacSecret != null; }
    public String signatureHeader() { return signatureHeader; }
    public int maxResponseChars() { return maxResponseChars; }
    public boolean allowJobOverrides() { return allowJobOverrides; }

    Template urlTemplate() { return url; }
    Template bodyTemplateParsed() { return body; }
    byte[] hmacSecret() { return hmacSecret; }

    /** The content type sent with a body: the configured Content-Type header, else JSON. */
    String contentType() {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue).findFirst().orElse(DEFAULT_CONTENT_TYPE);
    }

    /** Names headers but not their values and hides the query and the secret: this string goes to logs. */
    @Override
    public String toString() {
        return "WebhookSettings[" + method + " " + Redaction.withoutQuery(url.source()) + ", headers="
                + new TreeSet<>(headers.keySet()) + ", body=" + (body == null ? "default JSON" : "template")
                + ", timeout=" + timeout + ", expectedStatus=" + describeCodes(expectedStatus)
                + ", signed=" + signed() + ", maxResponseChars=" + maxResponseChars
                + ", allowJobOverrides=" + allowJobOverrides + "]";
    }

    /** Codes as sorted ranges, e.g. "200-299": the default set would otherwise print a hundred numbers. */
    static String describeCodes(Set<Integer> codes) {
        StringBuilder out = new StringBuilder();
        Integer start = null;
        Integer previous = null;
        for (int code : new TreeSet<>(codes)) {
            if (previous != null && code == previous + 1) {
                previous = code;
                continue;
            }
            appendRange(out, start, previous);
            start = code;
            previous = code;
        }
        appendRange(out, start, previous);
        return "[" + out + "]";
    }

    private static void appendRange(StringBuilder out, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        out.append(out.length() == 0 ? "" : ", ").append(start).append(start.equals(end) ? "" : "-" + end);
    }

    static void checkMethod(String field, String value) {
        InvalidRequestException.require(value != null && METHODS.contains(value), field,
                "method must be one of " + new TreeSet<>(METHODS) + ", was '" + value + "'");
    }

    static void checkHeader(String field, String name, String value, String signatureHeader) {
        InvalidRequestException.require(name != null && name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+"), field,
                "header name must be an HTTP token, was '" + name + "'");
        String lower = name.toLowerCase(Locale.ROOT);
        InvalidRequestException.require(!RESERVED_HEADERS.contains(lower)
                        && (signatureHeader == null || !lower.equalsIgnoreCase(signatureHeader)), field,
                "header '" + name + "' is set by the client or the signature and cannot be configured");
        InvalidRequestException.require(value != null && value.indexOf('\r') < 0 && value.indexOf('\n') < 0, field,
                "header '" + name + "' must have a value without line breaks");
    }

    /** A typed builder; {@link #build()} checks every field and names the one at fault. */
    public static final class Builder {
        private final String urlSource;
        private String method = DEFAULT_METHOD;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String bodySource;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Set<Integer> expectedStatus = DEFAULT_EXPECTED_STATUS;
        private String hmacSecret;
        private String signatureHeader = DEFAULT_SIGNATURE_HEADER;
        private int maxResponseChars = DEFAULT_MAX_RESPONSE_CHARS;
        private boolean allowJobOverrides;
        private Template parsedUrl;
        private Template parsedBody;

        private Builder(String url) {
            this.urlSource = url;
        }

        public Builder method(String value) {
            this.method = value == null ? null : value.toUpperCase(Locale.ROOT);
            return this;
        }

        /** Adds a fixed header; a later call with the same name replaces it. */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A body with placeholders; without one the body is JSON {job_id, task, attempt, args, kwargs}. */
        public Builder bodyTemplate(String value) {
            this.bodySource = value;
            return this;
        }

        /** How long to wait for the whole response; a sooner job deadline wins. */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder expectedStatus(Integer... codes) {
            this.expectedStatus = Set.of(codes);
            return this;
        }

        /** Signs each request with HMAC-SHA256 (see {@link WebhookSignature}); null turns signing off. */
        public Builder hmacSecret(String value) {
            this.hmacSecret = value;
            return this;
        }

        public Builder signatureHeader(String value) {
            this.signatureHeader = value;
            return this;
        }

        /** How much of a successful response body is kept as the attempt's output. */
        public Builder maxResponseChars(int value) {
            this.maxResponseChars = value;
            return this;
        }

        /** Lets jobs override url, method and headers through {@code kwargs._http}: see the class comment. */
        public Builder allowJobOverrides(boolean value) {
            this.allowJobOverrides = value;
            return this;
        }

        public WebhookSettings build() {
            InvalidRequestException.require(urlSource != null && !urlSource.isBlank(), "url", "must not be blank");
            parsedUrl = Template.parse("url", urlSource);
            checkUrl("url", parsedUrl.sample());
            checkMethod("method", method);
            InvalidRequestException.require(signatureHeader != null && !signatureHeader.isBlank(), "signatureHeader",
                    "must not be blank");
            headers.forEach((name, value) -> checkHeader("headers", name, value, signatureHeader));
            if (bodySource != null) {
                InvalidRequestException.require(!method.equals("GET") && !method.equals("HEAD"), "bodyTemplate",
                        method + " requests carry no body; use POST, PUT, PATCH or DELETE with a body template");
                parsedBody = Template.parse("bodyTemplate", bodySource);
            }
            requirePositive("timeout", timeout);
            requirePositive("connectTimeout", connectTimeout);
            InvalidRequestException.require(expectedStatus != null && !expectedStatus.isEmpty()
                            && expectedStatus.stream().allMatch(c -> c != null && c >= 100 && c <= 599),
                    "expectedStatus", "must be a non-empty set of codes in 100..599, was " + expectedStatus);
            InvalidRequestException.require(hmacSecret == null || hmacSecret.length() >= 16, "hmacSecret",
                    "must be at least 16 characters when set");
            InvalidRequestException.require(maxResponseChars >= 1, "maxResponseChars",
                    "must be at least 1, was " + maxResponseChars);
            return new WebhookSettings(this);
        }

        private static void requirePositive(String field, Duration value) {
            InvalidRequestException.require(value != null && !value.isNegative() && !value.isZero(), field,
                    "must be positive, was " + value);
        }
    }

    /** Checks that {@code value} is an absolute http(s) URL with a host. */
    static URI checkUrl(String field, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        InvalidRequestException.require((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null,
                field, "must be an absolute http:// or https:// URL with a host, was '"
                        + Redaction.withoutQuery(value) + "'");
        return uri;
    }
}
