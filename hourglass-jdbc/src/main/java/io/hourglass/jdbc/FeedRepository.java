package io.hourglass.jdbc;

import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedDocument;
import io.hourglass.feed.FeedPoll;
import io.hourglass.store.FeedStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Feeds, their validators and their polls ({@code feeds}, {@code feed_polls}). A save is an update, or an insert
 * when there is no row; two nodes inserting the same new name collide on the primary key, and the loser rolls back
 * to a savepoint and updates instead. A poll is recorded with the feed's row locked, so it cannot land after the
 * feed was deleted, and the feed's records beyond the latest {@link FeedPoll#KEPT_PER_FEED} are deleted with it.
 */
final class FeedRepository implements FeedStore {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Tx tx;
    private final JsonCodec json;

    FeedRepository(Tx tx, JsonCodec json) {
        this.tx = tx;
        this.json = json;
    }

    @Override
    public Feed save(Feed feed) {
        String definition = json.object("feed", FeedColumns.definition(feed));
        Instant at = Sql.micros(feed.updatedAt());
        return tx.inTransaction(() -> "save of feed '" + feed.name() + "'", c -> {
            Instant created = updated(c, feed.name(), definition, at);
            if (created == null) {
                Savepoint beforeInsert = c.setSavepoint();
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO feeds (name, definition, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, feed.name());
                    ps.setString(2, definition);
                    Sql.setInstant(ps, 3, at);
                    Sql.setInstant(ps, 4, at);
                    ps.executeUpdate();
                    created = at;
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    c.rollback(beforeInsert);
                    created = updated(c, feed.name(), definition, at);
                }
            }
            return feed.saved(created, at);
        });
    }

    /** Replaces the definition, forgetting the validators; the first save time, or null when there is no row. */
    private static Instant updated(Connection c, String name, String definition, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE feeds SET definition = ?, updated_at = ?, etag = NULL,"
                + " last_modified = NULL WHERE name = ?")) {
            ps.setString(1, definition);
            Sql.setInstant(ps, 2, at);
            ps.setString(3, name);
            if (ps.executeUpdate() == 0) {
                return null;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT created_at FROM feeds WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Sql.instant(rs, "created_at");
            }
        }
    }

    @Override
    public boolean delete(String name) {
        return tx.inTransaction(() -> "deletion of feed '" + name + "'", c -> {
            try (PreparedStatement polls = c.prepareStatement("DELETE FROM feed_polls WHERE feed = ?");
                 PreparedStatement feeds = c.prepareStatement("DELETE FROM feeds WHERE name = ?")) {
                polls.setString(1, name);
                polls.executeUpdate();
                feeds.setString(1, name);
                return feeds.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Feed> find(String name) {
        return tx.inAutoCommit(() -> "read of feed '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + FeedColumns.FEED_COLUMNS + " FROM feeds WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(FeedColumns.read(rs, json)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Feed> findAll() {
        return tx.inAutoCommit(() -> "read of feeds", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + FeedColumns.FEED_COLUMNS + " FROM feeds ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                return Rows.all(rs, row -> FeedColumns.read(row, json));
            }
        });
    }

    @Override
    public FeedDocument.Validators validators(String name) {
        return tx.inAutoCommit(() -> "read of the validators of feed '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT etag, last_modified FROM feeds WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new FeedDocument.Validators(rs.getString(1), rs.getString(2))
                            : FeedDocument.Validators.NONE;
                }
            }
        });
    }

    @Override
    public void recordPoll(FeedPoll poll, FeedDocument.Validators validators) {
        String refusals = json.list("refusals", FeedColumns.refusals(poll.refusals()));
        tx.inTransaction(() -> "record of a poll of feed '" + poll.feed() + "'", c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT name FROM feeds WHERE name = ? FOR UPDATE")) {
                lock.setString(1, poll.feed());
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        return null; // deleted meanwhile: its records went with it
                    }
                }
            }
            insert(c, poll, refusals);
            if (validators != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE feeds SET etag = ?, last_modified = ? WHERE name = ?")) {
                    ps.setString(1, validators.etag());
                    ps.setString(2, validators.lastModified());
                    ps.setString(3, poll.feed());
                    ps.executeUpdate();
                }
            }
            trim(c, poll.feed());
            return null;
        });
    }

    private static void insert(Connection c, FeedPoll poll, String refusals) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO feed_polls (feed, job_id, attempt, status,"
                + " http_status, items_seen, jobs_created, duplicates, skipped, refused, refusals, error, started_at,"
                + " finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int p = 1;
            ps.setString(p++, poll.feed());
            Sql.setLong(ps, p++, poll.jobId());
            ps.setInt(p++, poll.attempt());
            ps.setString(p++, poll.status().wireName());
            Sql.setInteger(ps, p++, poll.httpStatus());
            ps.setInt(p++, poll.itemsSeen());
            ps.setInt(p++, poll.jobsCreated());
            ps.setInt(p++, poll.duplicates());
            ps.setInt(p++, poll.skipped());
            ps.setInt(p++, poll.refused());
            ps.setString(p++, refusals);
            ps.setString(p++, poll.error());
            Sql.setInstant(ps, p++, poll.startedAt());
            Sql.setInstant(ps, p, poll.finishedAt());
            ps.executeUpdate();
        }
    }

    private static void trim(Connection c, String feed) throws SQLException {
        Long oldestKept = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM feed_polls WHERE feed = ? ORDER BY id DESC"
                + " LIMIT 1 OFFSET " + (FeedPoll.KEPT_PER_FEED - 1))) {
            ps.setString(1, feed);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    oldestKept = rs.getLong(1);
                }
            }
        }
        if (oldestKept != null) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM feed_polls WHERE feed = ? AND id < ?")) {
                ps.setString(1, feed);
                ps.setLong(2, oldestKept);
                ps.executeUpdate();
            }
        }
    }

    @Override
    public List<FeedPoll> polls(String name, int limit) {
        return tx.inAutoCommit(() -> "read of the polls of feed '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + FeedColumns.POLL_COLUMNS
                    + " FROM feed_polls WHERE feed = ? ORDER BY id DESC LIMIT " + limit)) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return Rows.all(rs, row -> FeedColumns.poll(row, json));
                }
            }
        });
    }
}
