package io.hourglass.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutorSettings;
import io.hourglass.executor.Secrets;
import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedDocument;
import io.hourglass.feed.FeedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link FeedReader} of a node: a GET of the feed's URL (conditional when validators are given), read up to the
 * feed's size limit, parsed with Jackson, the array at {@code items} mapped item by item ({@link FeedItemMapper}).
 *
 * <p>Why it works this way: the call is the client's blocking {@code send} on the polling thread, as the webhook
 * executor's is (its class comment says why not {@code sendAsync}), and the whole exchange, body included, has one
 * deadline ({@link CallInterrupter}), so a server that trickles its body cannot hold a poll past its timeout (the
 * JDK's request timeout only covers the headers). Header secrets are put in here, at poll time, through
 * {@link ExecutorSettings}'s one resolver; they never reach a log or an error, and URLs in errors lose their query
 * string and user info ({@link Redaction}). Redirects are followed except from https to http. Every way of getting
 * no usable document (status outside 2xx and 304, a timeout, a broken connection, a body too large, not JSON, no
 * array at {@code items}) is a {@link FeedReader.FeedUnavailableException}, with the server's {@code Retry-After}
 * when it sent one.
 */
public final class HttpFeedReader implements FeedReader {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final Clock clock;
    private final Duration connectTimeout;
    private final ObjectMapper json = new ObjectMapper();

    public HttpFeedReader() {
        this(Clock.systemUTC());
    }

    /** With an explicit clock, against which a Retry-After date is read. */
    public HttpFeedReader(Clock clock) {
        this(clock, DEFAULT_CONNECT_TIMEOUT);
    }

    HttpFeedReader(Clock clock, Duration connectTimeout) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public FeedDocument read(Feed feed, FeedDocument.Validators validators, Secrets secrets, Duration timeout) {
        String target = Redaction.withoutQuery(feed.url());
        Duration deadline = timeout.isZero() ? Duration.ofMillis(1) : timeout; // both timers need a positive span
        HttpRequest request = request(feed, validators, secrets, deadline, target);
        HttpResponse<byte[]> response;
        try (CallInterrupter call = new CallInterrupter(deadline)) {
            try {
                response = client.send(request, info -> new LimitedBody(feed.maxResponseBytes()));
            } catch (InterruptedException | IOException e) {
                // past the deadline the abort can surface as the interrupt or as the connection's failure
                if (e instanceof HttpConnectTimeoutException && !call.expired()) {
                    throw unavailable(feed, "could not connect to " + target + " within " + connectTimeout, null,
                            null, e);
                }
                if (call.expired() || e instanceof HttpTimeoutException) {
                    throw unavailable(feed, "no complete response from " + target + " within " + timeout, null, null,
                            e);
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    throw unavailable(feed, "poll of " + target + " was interrupted", null, null, e);
                }
                LimitedBody.TooLarge tooLarge = LimitedBody.TooLarge.in(e);
                String why = tooLarge != null ? tooLarge.getMessage()
                        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                throw unavailable(feed, "call to " + target + " failed: " + why, null, null, e);
            }
        }
        int status = response.statusCode();
        FeedDocument.Validators next = new FeedDocument.Validators(
                response.headers().firstValue("ETag").orElse(null),
                response.headers().firstValue("Last-Modified").orElse(null));
        if (status == 304) {
            boolean noneSent = next.etag() == null && next.lastModified() == null;
            return FeedDocument.unchanged(status, noneSent ? validators : next);
        }
        if (status < 200 || status > 299) {
            Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
            throw unavailable(feed, "HTTP " + status + " from " + target + RetryAfter.describe(retryAfter), status,
                    retryAfter, null);
        }
        return new FeedDocument(false, status, next, items(feed, target, status, response.body()));
    }

    private HttpRequest request(Feed feed, FeedDocument.Validators validators, Secrets secrets, Duration timeout,
                                String target) {
        Map<String, String> headers;
        try {
            headers = ExecutorSettings.of("feed", Map.of("headers", feed.headers()), secrets).stringMap("headers");
        } catch (InvalidRequestException e) {
            String header = e.field() == null ? "headers" : e.field().replaceFirst("^settings\\.", "");
            throw unavailable(feed, header + ": " + e.getMessage().replaceFirst("^settings\\.[^:]*: ", "")
                    + " (set HOURGLASS_SECRET_<NAME> on the node)", null, null, null);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(feed.url())).GET()
                .timeout(timeout).header("Accept", "application/json");
        headers.forEach(builder::header);
        if (validators.etag() != null) {
            builder.header("If-None-Match", validators.etag());
        }
        if (validators.lastModified() != null) {
            builder.header("If-Modified-Since", validators.lastModified());
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw unavailable(feed, "request to " + target + " cannot be built: " + e.getMessage(), null, null, e);
        }
    }

    private List<FeedDocument.Item> items(Feed feed, String target, int status, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
            throw unavailable(feed, "body from " + target + " is not JSON: " + why, status, null, null);
        }
        JsonNode array = root == null ? null : root.at(JsonPointer.compile(feed.items()));
        if (array == null || !array.isArray()) {
            String found = array == null || array.isMissingNode() ? "nothing"
                    : array.getNodeType().name().toLowerCase(Locale.ROOT);
            throw unavailable(feed, "body from " + target + " has no array at items '" + feed.items() + "' (found "
                    + found + ")", status, null, null);
        }
        FeedItemMapper mapper = new FeedItemMapper(feed, json);
        List<FeedDocument.Item> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            items.add(mapper.map(i, array.get(i)));
        }
        return items;
    }

    private static FeedUnavailableException unavailable(Feed feed, String message, Integer status, Duration retryAfter,
                                                        Throwable cause) {
        return new FeedUnavailableException("feed '" + feed.name() + "': " + message, status, retryAfter, cause);
    }
}
