package io.hourglass.celery;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.hourglass.InvalidRequestException;
import io.hourglass.executor.InfrastructureException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMQP connection to a broker, opened on first use and again after it died, which any number of
 * {@link AmqpPublisher}s share (connections are thread-safe; each publisher keeps its own channels). The client's
 * automatic recovery is off: a dead connection is dropped and the next use opens a new one.
 */
final class AmqpConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmqpConnection.class);

    private final ConnectionFactory factory;
    private final String broker;
    private final Object lock = new Object();
    // @GuardedBy("lock") for writes
    private volatile Connection connection;
    private volatile boolean closed;

    /**
     * @throws InvalidRequestException naming {@code brokerUrl} when the URL is not a valid AMQP URL; the message
     *         shows the URL without its password, and the parser's own error (which quotes it) is not chained
     */
    AmqpConnection(String brokerUrl, Duration connectTimeout) {
        this.broker = CelerySettings.redact(brokerUrl);
        this.factory = new ConnectionFactory();
        try {
            factory.setUri(kombuToAmqpUri(brokerUrl));
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("brokerUrl", "not a valid AMQP URL (" + e.getReason() + "): " + broker);
        } catch (Exception e) {
            throw new InvalidRequestException("brokerUrl", "not a valid AMQP URL (" + e.getClass().getSimpleName()
                    + "): " + broker);
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    }

    /** kombu writes the vhost "/" as a trailing "//"; the AMQP URI spec (and amqp-client) wants "/%2F". */
    static String kombuToAmqpUri(String url) {
        return url.endsWith("//") ? url.substring(0, url.length() - 1) + "%2F" : url;
    }

    /** The broker URL fit for logs: without its password. */
    String broker() {
        return broker;
    }

    /** The open connection, opening one when there is none or it died. */
    Connection get() {
        Connection current = connection;
        if (current != null && current.isOpen()) {
            return current;
        }
        synchronized (lock) {
            if (closed) {
                throw new InfrastructureException("celery executor is closed (broker " + broker + ")");
            }
            if (connection == null || !connection.isOpen()) {
                try {
                    connection = factory.newConnection("hourglass-celery");
                    log.info("connected to celery broker {}", broker);
                } catch (IOException | TimeoutException e) {
                    throw new InfrastructureException("celery broker " + broker + " is unreachable: " + e, e);
                }
            }
            return connection;
        }
    }

    /**
     * Closes {@code dead} after a hard error on it, unless another user already replaced it; the next
     * {@link #get} opens a new one.
     */
    void drop(Connection dead) {
        synchronized (lock) {
            if (connection != null && connection == dead) {
                closeQuietly(connection);
                connection = null;
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (connection != null) {
                closeQuietly(connection);
                connection = null;
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection.isOpen()) {
                connection.close();
            }
        } catch (Exception e) {
            log.debug("closing {} failed: {}", connection, e.toString());
        }
    }
}
