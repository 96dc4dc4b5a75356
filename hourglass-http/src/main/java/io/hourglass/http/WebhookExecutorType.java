package io.hourglass.http;

import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutorSettings;
import io.hourglass.executor.ExecutorType;
import io.hourglass.executor.JobExecutor;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code webhook} executor type: builds a {@link WebhookExecutor} from a task definition's settings, so webhook
 * tasks can be defined at runtime. The settings mirror {@link WebhookSettings.Builder}, and are checked by it:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>type</th><th>default</th></tr>
 *   <tr><td>{@code url}</td><td>string, may hold placeholders</td><td>required</td></tr>
 *   <tr><td>{@code method}</td><td>string</td><td>{@code POST}</td></tr>
 *   <tr><td>{@code headers}</td><td>object of strings</td><td>none</td></tr>
 *   <tr><td>{@code bodyTemplate}</td><td>string</td><td>the default JSON body</td></tr>
 *   <tr><td>{@code timeout}, {@code connectTimeout}</td><td>duration ({@code "30s"}, {@code "PT1M"})</td>
 *       <td>30 s, 10 s</td></tr>
 *   <tr><td>{@code expectedStatus}</td><td>list of whole numbers</td><td>200..299</td></tr>
 *   <tr><td>{@code hmacSecret}</td><td>string, at least 16 characters</td><td>unsigned</td></tr>
 *   <tr><td>{@code signatureHeader}</td><td>string</td><td>{@code X-Hourglass-Signature}</td></tr>
 *   <tr><td>{@code maxResponseChars}</td><td>whole number</td><td>65536</td></tr>
 *   <tr><td>{@code allowJobOverrides}</td><td>boolean</td><td>false</td></tr>
 * </table>
 *
 * <p>There is no node limit: a webhook runs no code on this node. Whoever may define tasks may make the node call
 * any URL it can reach, so defining tasks is as trusted as writing them in code.
 *
 * <p>Connections: the executors share one {@link HttpClient} per connect timeout, owned by the type, so redefining
 * a task reuses the pooled connections instead of leaving a client behind for the garbage collector. On Java 21
 * and later {@link #close()} closes the clients; on Java 17 an {@code HttpClient} cannot be closed, and the type
 * drops them, so the JDK releases their connections and selector thread once they are unreachable.
 */
public final class WebhookExecutorType implements ExecutorType {
    public static final String NAME = "webhook";
    private static final Logger log = LoggerFactory.getLogger(WebhookExecutorType.class);
    private static final String[] SETTINGS = {"url", "method", "headers", "bodyTemplate", "timeout",
            "connectTimeout", "expectedStatus", "hmacSecret", "signatureHeader", "maxResponseChars",
            "allowJobOverrides"};

    private final Clock clock;
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public WebhookExecutorType() {
        this(Clock.systemUTC());
    }

    /** With an explicit clock for signature timestamps and deadlines. */
    public WebhookExecutorType(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public JobExecutor create(String taskName, ExecutorSettings settings) {
        WebhookSettings built = settings(settings);
        if (closed) {
            throw new IllegalStateException("webhook executor type is closed; task '" + taskName + "' not built");
        }
        HttpClient client = clients.computeIfAbsent(built.connectTimeout(), WebhookExecutor::newClient);
        return new WebhookExecutor(built, clock, client);
    }

    /** Maps the settings onto {@link WebhookSettings}; every refusal names {@code settings.<key>}. */
    static WebhookSettings settings(ExecutorSettings settings) {
        settings.allowOnly(SETTINGS);
        WebhookSettings.Builder builder = WebhookSettings.builder(settings.string("url"));
        if (settings.has("method")) {
            builder.method(settings.string("method", null));
        }
        settings.stringMap("headers").forEach(builder::header);
        builder.bodyTemplate(settings.string("bodyTemplate", null));
        builder.timeout(settings.duration("timeout", WebhookSettings.DEFAULT_TIMEOUT));
        builder.connectTimeout(settings.duration("connectTimeout", WebhookSettings.DEFAULT_CONNECT_TIMEOUT));
        if (settings.has("expectedStatus")) {
            builder.expectedStatus(statusCodes(settings));
        }
        builder.hmacSecret(settings.string("hmacSecret", null));
        builder.signatureHeader(settings.string("signatureHeader", WebhookSettings.DEFAULT_SIGNATURE_HEADER));
        builder.maxResponseChars(settings.integer("maxResponseChars", WebhookSettings.DEFAULT_MAX_RESPONSE_CHARS,
                1, Integer.MAX_VALUE));
        builder.allowJobOverrides(settings.bool("allowJobOverrides", false));
        try {
            return builder.build();
        } catch (InvalidRequestException e) {
            throw asSetting(e);
        }
    }

    private static Integer[] statusCodes(ExecutorSettings settings) {
        Object value = settings.values().get("expectedStatus");
        List<Integer> codes = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!(item instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    codes = null;
                    break;
                }
                codes.add(n.intValue());
            }
        }
        InvalidRequestException.require(value instanceof List<?> && codes != null, "settings.expectedStatus",
                "must be a list of HTTP status codes such as [200, 202], was " + value);
        return codes.toArray(Integer[]::new);
    }

    /** The builder names its own fields, which are the setting names; the API names them {@code settings.<key>}. */
    private static InvalidRequestException asSetting(InvalidRequestException e) {
        if (e.field() == null) {
            return new InvalidRequestException("settings", e.getMessage());
        }
        String prefix = e.field() + ": ";
        String rule = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return new InvalidRequestException("settings." + e.field(), rule);
    }

    /** Closes the shared clients where the runtime can (Java 21+); see the class comment. */
    @Override
    public void close() {
        closed = true;
        for (HttpClient client : clients.values()) {
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("closing a webhook HTTP client failed", e);
                }
            }
        }
        clients.clear();
    }
}
