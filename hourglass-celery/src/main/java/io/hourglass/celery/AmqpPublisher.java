package io.hourglass.celery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.hourglass.executor.InfrastructureException;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes Celery messages over AMQP 0-9-1 with publisher confirms.
 *
 * <p>Why it works this way: one connection ({@link AmqpConnection}) is shared, by this publisher's threads and
 * possibly by other publishers to the same broker (connections are thread-safe, channels are not), and confirm-mode
 * channels are pooled so each publish borrows one, waits for its own confirm and gives it back. After a broker
 * restart the dead connection is dropped and the next publish opens a new one. A publish that finds the connection
 * already closed never reached the broker, so it is retried once on a fresh connection; any other failure is an
 * {@link InfrastructureException} for the engine to retry. Messages are published {@code mandatory}, so one that
 * no queue would receive comes back and fails the publish instead of vanishing.
 */
final class AmqpPublisher implements BrokerPublisher {
    private static final Logger log = LoggerFactory.getLogger(AmqpPublisher.class);

    private final CelerySettings settings;
    private final AmqpConnection connection;
    /** False when the connection is shared: then its owner closes it. */
    private final boolean ownsConnection;
    private final ObjectMapper json;
    private final ConcurrentLinkedQueue<Channel> idleChannels = new ConcurrentLinkedQueue<>();
    /** Task ids of messages the broker returned as unroutable; the return arrives before the confirm. */
    private final Set<String> returned = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A publisher with its own connection. */
    AmqpPublisher(CelerySettings settings, ObjectMapper json) {
        this(settings, json, new AmqpConnection(settings.brokerUrl(), settings.publishTimeout()), true);
    }

    /** A publisher on a connection shared with others; {@link #close()} closes only its own channels. */
    AmqpPublisher(CelerySettings settings, ObjectMapper json, AmqpConnection shared) {
        this(settings, json, shared, false);
    }

    private AmqpPublisher(CelerySettings settings, ObjectMapper json, AmqpConnection connection, boolean owns) {
        this.settings = settings;
        this.json = json;
        this.connection = connection;
        this.ownsConnection = owns;
    }

    @Override
    public void publish(CeleryMessage message) {
        try {
            publishOnce(message);
        } catch (AlreadyClosedException stale) {
            log.info("AMQP connection to {} was closed ({}); reconnecting", broker(), stale.getMessage());
            publishOnce(message);
        }
    }

    private void publishOnce(CeleryMessage message) {
        Channel channel = borrowChannel();
        boolean healthy = false;
        try {
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType(CeleryMessage.CONTENT_TYPE)
                    .contentEncoding(CeleryMessage.CONTENT_ENCODING)
                    .correlationId(message.taskId())
                    .deliveryMode(2)
                    .priority(Math.max(0, Math.min(255, message.priority())))
                    .headers(message.headers())
                    .build();
            channel.basicPublish(message.exchange(), message.routingKey(), true, properties, message.body());
            channel.waitForConfirmsOrDie(settings.publishTimeout().toMillis());
            healthy = true;
            if (returned.remove(message.taskId())) {
                throw new InfrastructureException("celery broker " + broker() + " returned task " + message.taskId()
                        + " as unroutable: no queue is bound to exchange '" + message.exchange()
                        + "' with routing key '" + message.routingKey() + "'");
            }
        } catch (AlreadyClosedException e) {
            if (e.isHardError()) {
                dropConnection(channel.getConnection());
                throw e;
            }
            throw new InfrastructureException("celery broker " + broker() + " refused task " + message.taskId()
                    + ": " + e.getMessage(), e);
        } catch (IOException | TimeoutException | ShutdownSignalException e) {
            throw new InfrastructureException("celery broker " + broker() + " did not confirm task "
                    + message.taskId() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while publishing celery task " + message.taskId(), e);
        } finally {
            giveBack(channel, healthy);
        }
    }

    @Override
    public void revoke(String taskId) {
        Channel channel = null;
        try {
            channel = connection().createChannel();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .contentType(CeleryMessage.CONTENT_TYPE)
                    .contentEncoding(CeleryMessage.CONTENT_ENCODING)
                    .deliveryMode(1)
                    .headers(Map.of("clock", 0, "expires", 0))
                    .build();
            channel.basicPublish(PIDBOX_EXCHANGE, "", properties,
                    json.writeValueAsBytes(BrokerPublisher.revokeCommand(taskId)));
        } catch (IOException | AlreadyClosedException e) {
            throw new InfrastructureException("could not revoke celery task " + taskId + " on " + broker() + ": " + e, e);
        } finally {
            closeQuietly(channel);
        }
    }

    private Channel borrowChannel() {
        Channel channel;
        while ((channel = idleChannels.poll()) != null) {
            if (channel.isOpen()) {
                return channel;
            }
        }
        try {
            Channel fresh = connection().createChannel();
            fresh.confirmSelect();
            fresh.addReturnListener(returnedMessage -> returned.add(returnedMessage.getProperties().getCorrelationId()));
            declareQueue(fresh);
            return fresh;
        } catch (IOException e) {
            throw new InfrastructureException("celery broker " + broker() + ": cannot open a channel: " + e, e);
        }
    }

    /** Declares the queue as Celery's worker does, so a message published before any worker ran is kept. */
    private void declareQueue(Channel channel) throws IOException {
        if (!settings.exchange().isEmpty()) {
            return;
        }
        Map<String, Object> arguments = settings.queueMaxPriority() == null ? null
                : Map.of("x-max-priority", settings.queueMaxPriority());
        channel.queueDeclare(settings.queue(), true, false, false, arguments);
    }

    private void giveBack(Channel channel, boolean healthy) {
        if (healthy && !closed && channel.isOpen()) {
            idleChannels.add(channel);
        } else {
            closeQuietly(channel);
        }
    }

    private Connection connection() {
        if (closed) {
            throw new InfrastructureException("celery executor is closed (broker " + broker() + ")");
        }
        return connection.get();
    }

    /** After a hard error the connection is dead for every publisher sharing it: the next use reopens it. */
    private void dropConnection(Connection dead) {
        dropIdleChannels();
        connection.drop(dead);
    }

    private void dropIdleChannels() {
        Channel channel;
        while ((channel = idleChannels.poll()) != null) {
            closeQuietly(channel);
        }
    }

    private String broker() {
        return connection.broker();
    }

    @Override
    public void close() {
        closed = true;
        dropIdleChannels();
        if (ownsConnection) {
            connection.close();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            if (closeable instanceof Channel channel && !channel.isOpen()) {
                return;
            }
            if (closeable instanceof Connection connection && !connection.isOpen()) {
                return;
            }
            closeable.close();
        } catch (Exception e) {
            log.debug("closing {} failed: {}", closeable, e.toString());
        }
    }
}
