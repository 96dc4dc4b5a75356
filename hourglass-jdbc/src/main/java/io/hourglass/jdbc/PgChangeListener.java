package io.hourglass.jdbc;

import io.hourglass.store.Change;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives other nodes' changes through PostgreSQL LISTEN/NOTIFY. One thread ("hourglass-pg-listener") holds one
 * dedicated connection, LISTENs on {@value PostgresDialect#CHANNEL}, waits for notifications with a short
 * timeout (so it notices {@link #close()} quickly) and hands each parsed change to the listeners. If the
 * connection drops it reconnects with backoff (100 ms doubling to 5 s); changes sent while it was away are lost,
 * which the engine's fallback poll covers. Where the connection comes from is the store's choice (see
 * {@link JdbcStore}). It starts with the first listener and waits briefly for its LISTEN, so a change made after
 * {@link #addListener} returns is seen.
 */
final class PgChangeListener implements AutoCloseable {
    @FunctionalInterface
    interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    static final String THREAD_NAME = "hourglass-pg-listener";
    private static final Logger log = LoggerFactory.getLogger(PgChangeListener.class);
    private static final int POLL_MILLIS = 250;
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final Duration FIRST_LISTEN_WAIT = Duration.ofSeconds(10);

    private final ConnectionFactory connections;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private final Object wakeUp = new Object();
    private volatile boolean running;
    private Thread thread; // guarded by this

    PgChangeListener(ConnectionFactory connections) {
        this.connections = connections;
    }

    void addListener(Consumer<Change> listener) {
        listeners.add(listener);
        synchronized (this) {
            if (thread == null) {
                running = true;
                thread = new Thread(this::run, THREAD_NAME);
                thread.setDaemon(true);
                thread.start();
            }
        }
        try {
            if (!listening.await(FIRST_LISTEN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{}: not listening after {} s; changes from other nodes arrive once it connects",
                        THREAD_NAME, FIRST_LISTEN_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long backoff = MIN_BACKOFF_MILLIS;
        while (running) {
            try (Connection connection = connections.open()) {
                try {
                    listen(connection);
                    backoff = MIN_BACKOFF_MILLIS;
                    receive(connection.unwrap(PGConnection.class));
                } finally {
                    unlistenQuietly(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("{}: connection lost or refused ({}); reconnecting in {} ms", THREAD_NAME,
                            e.getMessage(), backoff);
                    pause(backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            }
        }
        log.debug("{}: stopped", THREAD_NAME);
    }

    private void listen(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + PostgresDialect.CHANNEL);
        }
        listening.countDown();
        log.debug("{}: listening on channel '{}'", THREAD_NAME, PostgresDialect.CHANNEL);
    }

    private void receive(PGConnection connection) throws SQLException {
        while (running) {
            PGNotification[] notifications = connection.getNotifications(POLL_MILLIS);
            if (notifications == null) {
                continue;
            }
            for (PGNotification notification : notifications) {
                ChangePayload.parse(notification.getParameter()).ifPresentOrElse(this::deliver,
                        () -> log.debug("{}: ignored unknown payload '{}'", THREAD_NAME, notification.getParameter()));
            }
        }
    }

    private void deliver(Change change) {
        for (Consumer<Change> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("{}: a change listener failed on {}", THREAD_NAME, change, e);
            }
        }
    }

    private static void unlistenQuietly(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        } catch (SQLException e) {
            log.debug("{}: UNLISTEN failed on a connection being dropped: {}", THREAD_NAME, e.getMessage());
        }
    }

    private void pause(long millis) {
        synchronized (wakeUp) {
            try {
                if (running) {
                    wakeUp.wait(millis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public void close() {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = thread;
        }
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        if (stopping != null) {
            try {
                stopping.join(2L * POLL_MILLIS + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
