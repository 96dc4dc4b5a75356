package io.hourglass.celery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.executor.InfrastructureException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Publishes Celery messages to kombu's Redis transport: {@code LPUSH} of a {@link KombuEnvelope} onto the queue's
 * list for the message's priority. Redis acknowledges the write, which is this broker's confirm.
 *
 * <p>Connections come from Jedis' pool; after a Redis restart the pool's idle connections are dead, so a publish
 * that fails on the connection is retried once on a fresh one (at-least-once, as Celery delivery is anyway).
 * Control commands go where kombu's fanout does: {@code PUBLISH /<db>.celery.pidbox}.
 */
final class RedisPublisher implements BrokerPublisher {
    private static final Logger log = LoggerFactory.getLogger(RedisPublisher.class);

    private final CelerySettings settings;
    private final ObjectMapper json;
    private final JedisPooled redis;
    /** False when the pool is shared: then its owner closes it. */
    private final boolean ownsPool;
    private final String pidboxTopic;

    /** A publisher with its own connection pool. */
    RedisPublisher(CelerySettings settings, ObjectMapper json) {
        this(settings, json, pool(settings.brokerUrl(), settings.publishTimeout()), true);
    }

    /** A publisher on a pool shared with others (see {@link #pool}); {@link #close()} leaves it open. */
    RedisPublisher(CelerySettings settings, ObjectMapper json, JedisPooled shared) {
        this(settings, json, shared, false);
    }

    private RedisPublisher(CelerySettings settings, ObjectMapper json, JedisPooled redis, boolean ownsPool) {
        this.settings = settings;
        this.json = json;
        this.redis = redis;
        this.ownsPool = ownsPool;
        this.pidboxTopic = "/" + JedisURIHelper.getDBIndex(URI.create(settings.brokerUrl())) + "." + PIDBOX_EXCHANGE;
    }

    /** The connection pool to a Redis broker; connections open as publishes need them. */
    static JedisPooled pool(String brokerUrl, Duration timeout) {
        return new JedisPooled(URI.create(brokerUrl), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    @Override
    public void publish(CeleryMessage message) {
        int kombuPriority = KombuEnvelope.kombuPriority(message.priority());
        String list = KombuEnvelope.listFor(settings.queue(), kombuPriority);
        String envelope = write(KombuEnvelope.of(message, kombuPriority, UUID.randomUUID().toString()));
        try {
            lpush(list, envelope);
        } catch (JedisConnectionException stale) {
            log.info("Redis broker {} connection failed ({}); retrying once", broker(), stale.getMessage());
            try {
                lpush(list, envelope);
            } catch (JedisException e) {
                throw unreachable("publish celery task " + message.taskId(), e);
            }
        } catch (JedisException e) {
            throw unreachable("publish celery task " + message.taskId(), e);
        }
    }

    private void lpush(String list, String envelope) {
        redis.lpush(list, envelope);
    }

    @Override
    public void revoke(String taskId) {
        CeleryMessage command = new CeleryMessage(taskId, java.util.Map.of("clock", 0, "expires", 0),
                writeBytes(BrokerPublisher.revokeCommand(taskId)), 0, PIDBOX_EXCHANGE, "");
        String envelope = write(KombuEnvelope.of(command, 0, UUID.randomUUID().toString()));
        try {
            redis.publish(pidboxTopic, envelope);
        } catch (JedisException e) {
            throw unreachable("revoke celery task " + taskId, e);
        }
    }

    private InfrastructureException unreachable(String what, JedisException e) {
        return new InfrastructureException("celery broker " + broker() + ": could not " + what + ": " + e, e);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bug: a kombu envelope must serialise to JSON", e);
        }
    }

    private byte[] writeBytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bug: a pidbox command must serialise to JSON", e);
        }
    }

    private String broker() {
        return CelerySettings.redact(settings.brokerUrl());
    }

    @Override
    public void close() {
        if (ownsPool) {
            redis.close();
        }
    }
}
