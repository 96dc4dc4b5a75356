package io.hourglass.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells other nodes of jobs that group commits created, after those commits, from a thread of its own
 * ("hourglass-pg-notifier"), so that no enqueue waits for it.
 *
 * <p>Why not {@code pg_notify} inside the insert's transaction, as before: PostgreSQL serializes every committing
 * transaction that has notified by an exclusive lock (on object 0 of {@code pg_database}) held from just before its
 * commit until the commit is on disk, so queue entries appear in commit order. With four group-commit writers each
 * notifying, their commits went one at a time, each paying its own WAL flush: measured during the REST enqueue
 * benchmark, one writer held that lock in {@code WALSync} while the three others waited for it, every sample (see
 * docs/benchmarks.md, "REST enqueue: where a request's time went"). Told from here, the writers' commits run side
 * by side and share their flushes, and this thread's transaction needs no flush of its own
 * ({@code synchronous_commit} off for it: a notification is not durable anyway, a crash loses it either way).
 *
 * <p>Notifications coalesce: while one is being sent, every due time handed in is merged into the earliest, and
 * the next send tells that one. Telling the earliest is enough: a node woken at that time reads the next due time
 * from the database when it dispatches. For the same reason nothing is sent for jobs due no earlier than a time
 * already told that is still more than {@link #TOLD_AHEAD} away: every node that heard of it reads the database
 * when that time comes, after these jobs' commit, and finds them (the margin covers clocks that differ between
 * nodes). That is what spares a notification per enqueue when jobs are enqueued for later, the usual case over
 * the REST API. A notification that cannot be sent is logged and dropped; other nodes then find those jobs at
 * their fallback poll, as they do for notifications sent while their listener reconnects. Rows are committed
 * before they are told, so a node that hears of them can claim them.
 */
final class PgNotifier implements JobNotices {
    /** Sends one notification; its own transaction, on its own connection. */
    @FunctionalInterface
    interface Sender {
        void send(String payload) throws SQLException;
    }

    static final String THREAD_NAME = "hourglass-pg-notifier";
    private static final Logger log = LoggerFactory.getLogger(PgNotifier.class);
    private static final long CLOSE_WAIT_MILLIS = 2_000;
    /** A due time told stands for later ones while it is at least this far ahead of the enqueuing node's clock. */
    static final Duration TOLD_AHEAD = Duration.ofSeconds(1);
    /** One statement in auto-commit: its transaction is the statement, and {@code is_local} ends with it. */
    private static final String NOTIFY = "SELECT set_config('synchronous_commit', 'off', true), pg_notify('"
            + PostgresDialect.CHANNEL + "', ?)";

    private final Sender sender;
    private final Object lock = new Object();
    private Instant earliest; // guarded by lock: the earliest due time handed in and not yet sent
    private Instant told; // guarded by lock: the due time of the last notification sent
    private boolean closed; // guarded by lock
    private final Thread thread;

    PgNotifier(Sender sender) {
        this.sender = sender;
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /** A notifier sending on connections of {@code dataSource}. */
    static PgNotifier on(DataSource dataSource) {
        return new PgNotifier(payload -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement ps = connection.prepareStatement(NOTIFY)) {
                ps.setString(1, payload);
                ps.execute();
            }
        });
    }

    /**
     * Tells other nodes, soon, that jobs due at {@code due} or later were committed at {@code now} (the enqueuing
     * node's clock), unless a time already told stands for them. Never blocks on the database.
     */
    @Override
    public void jobsCommitted(Instant due, Instant now) {
        synchronized (lock) {
            if (told != null && !due.isBefore(told) && told.isAfter(now.plus(TOLD_AHEAD))) {
                return;
            }
            if (earliest == null || due.isBefore(earliest)) {
                earliest = due;
            }
            lock.notifyAll();
        }
    }

    /** The due time of the last notification sent, or null. */
    Instant told() {
        synchronized (lock) {
            return told;
        }
    }

    private void run() {
        while (true) {
            Instant due;
            synchronized (lock) {
                while (earliest == null && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closed = true;
                    }
                }
                if (earliest == null) {
                    return; // closed with nothing left to tell
                }
                due = earliest;
                earliest = null;
            }
            if (send(due)) {
                synchronized (lock) {
                    told = due;
                }
            }
        }
    }

    private boolean send(Instant due) {
        try {
            sender.send(ChangePayload.jobs(due));
            return true;
        } catch (SQLException | RuntimeException e) {
            log.warn("{}: could not tell other nodes of jobs due from {} ({}); they find them at their next poll",
                    THREAD_NAME, due, e.getMessage());
            return false;
        }
    }

    /** Sends what is still to tell (waiting up to 2 s for it), then stops. Call before the connections close. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
