package io.hourglass.celery;

import io.hourglass.InvalidRequestException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * How a {@link CeleryExecutor} reaches Celery: the broker it publishes to, the result backend it reads, and what
 * each task message says. Built with {@link #builder()}; checked once in {@link Builder#build()}.
 *
 * <pre>{@code
 * CelerySettings.builder()
 *     .brokerUrl("redis://127.0.0.1:6379/0")
 *     .resultBackendUrl("redis://127.0.0.1:6379/1")
 *     .celeryTask("tasks.scrape")
 *     .queue("scrape")
 *     .build()
 * }</pre>
 *
 * @param brokerUrl        {@code amqp://user:pass@host:port/vhost} or {@code redis://host:port/db}
 * @param resultBackendUrl {@code redis://host:port/db}, or null for none (then only fire-and-forget works)
 * @param celeryTask       the registered Celery task name, or null to use the Hourglass task's name
 * @param queue            the Celery queue the worker consumes ({@code -Q})
 * @param routingKey       the AMQP routing key; null means the queue's name
 * @param exchange         the AMQP exchange; "" (the default exchange) routes by queue name and needs no
 *                         declaration, unlike Celery's per-queue exchanges which only exist once a worker declared them
 * @param fireAndForget    succeed once the broker confirmed the publish; do not wait for (or ask for) a result
 * @param defaultExpires   how long after publishing the message expires on the worker (revoked), or null for never
 * @param softTimeLimit    Celery's soft time limit for the task, or null for the worker's default
 * @param hardTimeLimit    Celery's hard time limit for the task, or null for the worker's default
 * @param resultTimeout    how long to wait for a result when the job has no deadline
 * @param publishTimeout   how long to wait for the broker's publish confirm
 * @param queueMaxPriority declares the AMQP queue with {@code x-max-priority} (must match the worker's
 *                         {@code task_queue_max_priority}); null declares it as Celery does by default
 * @param origin           the {@code origin} header: who published
 */
public record CelerySettings(
        String brokerUrl,
        String resultBackendUrl,
        String celeryTask,
        String queue,
        String routingKey,
        String exchange,
        boolean fireAndForget,
        Duration defaultExpires,
        Duration softTimeLimit,
        Duration hardTimeLimit,
        Duration resultTimeout,
        Duration publishTimeout,
        Integer queueMaxPriority,
        String origin) {

    public static final String DEFAULT_BROKER_URL = "amqp://guest:guest@127.0.0.1:5672//";
    public static final String DEFAULT_QUEUE = "celery";
    public static final String DEFAULT_EXCHANGE = "";
    public static final Duration DEFAULT_RESULT_TIMEOUT = Duration.ofHours(1);
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    /** Which kind of broker {@link #brokerUrl()} names. */
    public enum BrokerKind { AMQP, REDIS }

    public static Builder builder() {
        return new Builder();
    }

    public BrokerKind brokerKind() {
        String scheme = URI.create(brokerUrl).getScheme().toLowerCase(Locale.ROOT);
        return scheme.startsWith("amqp") ? BrokerKind.AMQP : BrokerKind.REDIS;
    }

    /** The routing key actually used: {@link #routingKey()} or else the queue's name. */
    public String effectiveRoutingKey() {
        return routingKey != null ? routingKey : queue;
    }

    /** A URL fit for logs and errors: the password replaced by {@code ***}. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        return url.replaceFirst("(//[^:/@]*:)[^@]*@", "$1***@");
    }

    @Override
    public String toString() {
        return "CelerySettings[broker=" + redact(brokerUrl) + ", resultBackend=" + redact(resultBackendUrl)
                + ", celeryTask=" + celeryTask + ", queue=" + queue + ", routingKey=" + effectiveRoutingKey()
                + ", exchange='" + exchange + "', fireAndForget=" + fireAndForget + ", expires=" + defaultExpires
                + ", softTimeLimit=" + softTimeLimit + ", hardTimeLimit=" + hardTimeLimit
                + ", resultTimeout=" + resultTimeout + "]";
    }

    /** Builds {@link CelerySettings}; every setter is optional. */
    public static final class Builder {
        private String brokerUrl = DEFAULT_BROKER_URL;
        private String resultBackendUrl;
        private String celeryTask;
        private String queue = DEFAULT_QUEUE;
        private String routingKey;
        private String exchange = DEFAULT_EXCHANGE;
        private boolean fireAndForget;
        private Duration defaultExpires;
        private Duration softTimeLimit;
        private Duration hardTimeLimit;
        private Duration resultTimeout = DEFAULT_RESULT_TIMEOUT;
        private Duration publishTimeout = DEFAULT_PUBLISH_TIMEOUT;
        private Integer queueMaxPriority;
        private String origin;

        private Builder() {
        }

        public Builder brokerUrl(String value) { this.brokerUrl = value; return this; }
        public Builder resultBackendUrl(String value) { this.resultBackendUrl = value; return this; }
        public Builder celeryTask(String value) { this.celeryTask = value; return this; }
        public Builder queue(String value) { this.queue = value; return this; }
        public Builder routingKey(String value) { this.routingKey = value; return this; }
        public Builder exchange(String value) { this.exchange = value; return this; }
        public Builder fireAndForget(boolean value) { this.fireAndForget = value; return this; }
        public Builder defaultExpires(Duration value) { this.defaultExpires = value; return this; }
        public Builder softTimeLimit(Duration value) { this.softTimeLimit = value; return this; }
        public Builder hardTimeLimit(Duration value) { this.hardTimeLimit = value; return this; }
        public Builder resultTimeout(Duration value) { this.resultTimeout = value; return this; }
        public Builder publishTimeout(Duration value) { this.publishTimeout = value; return this; }
        public Builder queueMaxPriority(Integer value) { this.queueMaxPriority = value; return this; }
        public Builder origin(String value) { this.origin = value; return this; }

        /** Checks the settings; each failure names the field and the rule. */
        public CelerySettings build() {
            InvalidRequestException.require(brokerUrl != null && schemeOf(brokerUrl).matches("amqps?|redis"),
                    "brokerUrl", "celery broker URL must start with amqp://, amqps:// or redis://, was '"
                            + redact(brokerUrl) + "'");
            InvalidRequestException.require(resultBackendUrl == null || schemeOf(resultBackendUrl).equals("redis"),
                    "resultBackendUrl", "celery result backend URL must start with redis:// (or be unset), was '"
                            + redact(resultBackendUrl) + "'");
            InvalidRequestException.require(fireAndForget || resultBackendUrl != null, "resultBackendUrl",
                    "celery needs a result backend URL unless fireAndForget is set");
            InvalidRequestException.require(celeryTask == null || !celeryTask.isBlank(), "celeryTask",
                    "celery task name must not be blank (leave it unset to use the Hourglass task's name)");
            InvalidRequestException.require(queue != null && !queue.isBlank(), "queue",
                    "celery queue must not be blank");
            InvalidRequestException.require(routingKey == null || !routingKey.isBlank(), "routingKey",
                    "celery routing key must not be blank (leave it unset to use the queue's name)");
            InvalidRequestException.require(exchange != null, "exchange",
                    "celery exchange must not be null (\"\" is the default exchange)");
            requirePositive(defaultExpires, "defaultExpires");
            requirePositive(softTimeLimit, "softTimeLimit");
            requirePositive(hardTimeLimit, "hardTimeLimit");
            InvalidRequestException.require(softTimeLimit == null || hardTimeLimit == null
                            || softTimeLimit.compareTo(hardTimeLimit) <= 0, "softTimeLimit",
                    "celery soft time limit must not exceed the hard one, was " + softTimeLimit + " > " + hardTimeLimit);
            InvalidRequestException.require(resultTimeout != null, "resultTimeout", "must not be null");
            requirePositive(resultTimeout, "resultTimeout");
            InvalidRequestException.require(publishTimeout != null, "publishTimeout", "must not be null");
            requirePositive(publishTimeout, "publishTimeout");
            InvalidRequestException.require(queueMaxPriority == null || (queueMaxPriority >= 1 && queueMaxPriority <= 255),
                    "queueMaxPriority", "must be between 1 and 255, was " + queueMaxPriority);
            return new CelerySettings(brokerUrl, resultBackendUrl, celeryTask, queue, routingKey, exchange,
                    fireAndForget, defaultExpires, softTimeLimit, hardTimeLimit, resultTimeout, publishTimeout,
                    queueMaxPriority, origin != null ? origin : "hourglass@" + hostName());
        }

        private static void requirePositive(Duration value, String field) {
            InvalidRequestException.require(value == null || (!value.isNegative() && !value.isZero()), field,
                    "must be positive, was " + value);
        }

        private static String schemeOf(String url) {
            int colon = url.indexOf("://");
            return colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
        }

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
    }
}
