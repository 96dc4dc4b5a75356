package io.hourglass.celery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutorSettings;
import io.hourglass.executor.ExecutorType;
import io.hourglass.executor.JobExecutor;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.JedisPooled;

/**
 * The {@code celery} executor type: builds a {@link CeleryExecutor} from a task definition's settings, so Celery
 * tasks can be defined at runtime. The settings mirror {@link CelerySettings.Builder}, with its defaults and checks:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>type</th><th>default</th></tr>
 *   <tr><td>{@code brokerUrl}</td><td>{@code amqp://}, {@code amqps://} or {@code redis://} URL</td>
 *       <td>{@value CelerySettings#DEFAULT_BROKER_URL}</td></tr>
 *   <tr><td>{@code resultBackendUrl}</td><td>{@code redis://} URL</td><td>required unless fireAndForget</td></tr>
 *   <tr><td>{@code celeryTask}</td><td>string</td><td>the Hourglass task's name</td></tr>
 *   <tr><td>{@code queue}</td><td>string</td><td>{@value CelerySettings#DEFAULT_QUEUE}</td></tr>
 *   <tr><td>{@code routingKey}, {@code exchange}</td><td>strings</td><td>the queue, {@code ""}</td></tr>
 *   <tr><td>{@code fireAndForget}</td><td>boolean</td><td>false</td></tr>
 *   <tr><td>{@code defaultExpires}, {@code softTimeLimit}, {@code hardTimeLimit}</td>
 *       <td>durations ({@code "30s"}, {@code "PT5M"})</td><td>none</td></tr>
 *   <tr><td>{@code resultTimeout}, {@code publishTimeout}</td><td>durations</td><td>1 h, 10 s</td></tr>
 *   <tr><td>{@code queueMaxPriority}</td><td>whole number 1..255</td><td>none</td></tr>
 *   <tr><td>{@code origin}</td><td>string</td><td>{@code hourglass@<host>}</td></tr>
 * </table>
 *
 * <p>There is no node limit: Celery runs the code on its own workers, and the job cannot choose the Celery task.
 *
 * <p>Connections: executors of tasks on the same broker (same URL and publish timeout) share one AMQP connection
 * or one Redis pool, and executors reading the same result backend share one result subscription (one thread, one
 * pool). Each executor keeps only its own AMQP channels, because they declare its queue. Shares are counted:
 * {@link CeleryExecutor#close()}, which the engine calls once a definition is replaced or deleted and its last
 * attempt has left, gives the executor's shares back and the last user closes them; {@link #close()} closes
 * whatever is still open. Broker URLs, passwords included, are never logged: every message shows them redacted.
 */
public final class CeleryExecutorType implements ExecutorType {
    public static final String NAME = "celery";
    private static final String[] SETTINGS = {"brokerUrl", "resultBackendUrl", "celeryTask", "queue", "routingKey",
            "exchange", "fireAndForget", "defaultExpires", "softTimeLimit", "hardTimeLimit", "resultTimeout",
            "publishTimeout", "queueMaxPriority", "origin"};

    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final SharedConnections shared = new SharedConnections();

    public CeleryExecutorType() {
        this(Clock.systemUTC());
    }

    /** With an explicit clock for message expiry and result deadlines. */
    public CeleryExecutorType(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public JobExecutor create(String taskName, ExecutorSettings settings) {
        return open(settings(settings));
    }

    /** Maps the settings onto {@link CelerySettings}; every refusal names {@code settings.<key>}. */
    static CelerySettings settings(ExecutorSettings settings) {
        settings.allowOnly(SETTINGS);
        CelerySettings.Builder builder = CelerySettings.builder()
                .brokerUrl(settings.string("brokerUrl", CelerySettings.DEFAULT_BROKER_URL))
                .resultBackendUrl(settings.string("resultBackendUrl", null))
                .celeryTask(settings.string("celeryTask", null))
                .queue(settings.string("queue", CelerySettings.DEFAULT_QUEUE))
                .routingKey(settings.string("routingKey", null))
                .exchange(settings.string("exchange", CelerySettings.DEFAULT_EXCHANGE))
                .fireAndForget(settings.bool("fireAndForget", false))
                .defaultExpires(settings.duration("defaultExpires", null))
                .softTimeLimit(settings.duration("softTimeLimit", null))
                .hardTimeLimit(settings.duration("hardTimeLimit", null))
                .resultTimeout(settings.duration("resultTimeout", CelerySettings.DEFAULT_RESULT_TIMEOUT))
                .publishTimeout(settings.duration("publishTimeout", CelerySettings.DEFAULT_PUBLISH_TIMEOUT))
                .origin(settings.string("origin", null));
        if (settings.has("queueMaxPriority")) {
            builder.queueMaxPriority(settings.integer("queueMaxPriority", 0, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        CelerySettings built;
        try {
            built = builder.build();
        } catch (InvalidRequestException e) {
            throw asSetting(e);
        }
        checkUrl("brokerUrl", built.brokerUrl());
        if (built.resultBackendUrl() != null) {
            checkUrl("resultBackendUrl", built.resultBackendUrl());
        }
        return built;
    }

    /** A URL the clients can open: parseable and with a host. The message never shows the password. */
    private static void checkUrl(String key, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("settings." + key, "is not a valid URL (" + e.getReason() + "): "
                    + CelerySettings.redact(url));
        }
        InvalidRequestException.require(uri.getHost() != null, "settings." + key,
                "must name a host, such as redis://127.0.0.1:6379/0, was " + CelerySettings.redact(url));
    }

    /** An executor on the shared connections for its broker and result backend. */
    private CeleryExecutor open(CelerySettings settings) {
        String shownBroker = CelerySettings.redact(settings.brokerUrl());
        String brokerKey = settings.brokerKind() + " " + settings.brokerUrl() + " " + settings.publishTimeout();
        BrokerPublisher broker;
        try {
            broker = switch (settings.brokerKind()) {
                case AMQP -> new AmqpPublisher(settings, json, shared.acquire(brokerKey, shownBroker,
                        () -> new AmqpConnection(settings.brokerUrl(), settings.publishTimeout())));
                case REDIS -> new RedisPublisher(settings, json, shared.<JedisPooled>acquire(brokerKey, shownBroker,
                        () -> RedisPublisher.pool(settings.brokerUrl(), settings.publishTimeout())));
            };
        } catch (InvalidRequestException e) {
            throw asSetting(e);
        }
        String resultsKey = settings.fireAndForget() ? null : "results " + settings.resultBackendUrl();
        RedisResultWaiter results;
        try {
            results = resultsKey == null ? null : shared.acquire(resultsKey,
                    CelerySettings.redact(settings.resultBackendUrl()),
                    () -> new RedisResultWaiter(settings.resultBackendUrl(), json, clock));
        } catch (RuntimeException e) {
            shared.release(brokerKey);
            throw e;
        }
        AtomicBoolean released = new AtomicBoolean();
        return CeleryExecutor.shared(settings, clock, json, broker, results, () -> {
            if (released.compareAndSet(false, true)) {
                shared.release(brokerKey);
                if (resultsKey != null) {
                    shared.release(resultsKey);
                }
            }
        });
    }

    /** How many shared connections are open, for tests. */
    int openConnections() {
        return shared.open();
    }

    /** The builder names its own fields, which are the setting names; the API names them {@code settings.<key>}. */
    private static InvalidRequestException asSetting(InvalidRequestException e) {
        if (e.field() == null || e.field().startsWith("settings.")) {
            return e;
        }
        String prefix = e.field() + ": ";
        String rule = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        return new InvalidRequestException("settings." + e.field(), rule);
    }

    /** Closes every connection still shared, after the node that uses the type has stopped. */
    @Override
    public void close() {
        shared.close();
    }
}
