package io.hourglass.jdbc;

import io.hourglass.job.EnqueueResult;
import io.hourglass.store.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Inserts jobs. Dedup is enforced by the database's unique keys (dedup_active, and (schedule_name, fire_cell,
 * fire_at)),
 * never by a read before the write: rows whose key is taken are skipped by the insert, and only then is the
 * holder's id looked up. If the holder finished between the two statements the row is inserted again, so a
 * result always names a job that existed. Within one batch the first job with a key wins and later ones share
 * its id with {@code created == false}.
 */
final class JobWriter implements AutoCloseable {
    /** Keys per holder lookup: an H2 array holds at most 65,536 elements. */
    static final int CHUNK = 1000;
    private static final int MAX_ROUNDS = 20;

    private record ScheduleKey(String schedule, Instant fireAt, String cell) {
    }

    private final Tx tx;
    private final Dialect dialect;
    private final JsonCodec json;
    private final TableStatistics statistics;
    private final GroupCommit group;
    private final JobNotices notifier;

    JobWriter(Tx tx, Dialect dialect, JsonCodec json, TableStatistics statistics) {
        this.tx = tx;
        this.dialect = dialect;
        this.json = json;
        this.statistics = statistics;
        this.notifier = dialect.notifier(tx.dataSource());
        this.group = new GroupCommit(this::inOwnTransaction, dialect.insertWriters());
    }

    /**
     * Inserts the jobs in one transaction of their own, or, when they are few, in one shared with other calls
     * waiting at the same time ({@link GroupCommit}); results in input order.
     */
    List<EnqueueResult> insertJobs(List<NewJob> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        List<EnqueueResult> results = jobs.size() <= GroupCommit.MAX_JOBS_PER_CALL ? group.insert(jobs)
                : dialect.inInsertTurn(() -> inOwnTransaction(jobs));
        statistics.inserted(jobs.size());
        return results;
    }

    /**
     * One transaction of its own, or none where the insert is all or nothing by itself (one job, or what the
     * dialect writes in one statement): auto-commit then commits with the statement, and the separate commit's
     * round trip, a third of what a single enqueue costs PostgreSQL, is saved. Other nodes are told of the created
     * jobs after the commit, by the notifier, not by the transaction: a transaction that notifies holds
     * PostgreSQL's notification lock through its commit, which made the group-commit writers commit one at a time
     * ({@link PgNotifier}).
     */
    private List<EnqueueResult> inOwnTransaction(List<NewJob> jobs) {
        Supplier<String> operation = () -> "insert of " + jobs.size() + " job(s) (first task '" + jobs.get(0).task()
                + "')";
        List<EnqueueResult> results = dialect.insertIsAtomicAlone(jobs)
                ? tx.inAutoCommit(operation, connection -> insert(connection, jobs, false))
                : tx.inTransaction(operation, connection -> insert(connection, jobs, false));
        Instant earliest = null;
        Instant now = null; // the latest enqueue time among them: the enqueuing node's clock
        for (int i = 0; i < jobs.size(); i++) {
            NewJob job = jobs.get(i);
            if (results.get(i).created() && (earliest == null || job.dueAt().isBefore(earliest))) {
                earliest = job.dueAt();
            }
            if (now == null || job.createdAt().isAfter(now)) {
                now = job.createdAt();
            }
        }
        if (earliest != null) {
            notifier.jobsCommitted(earliest, now);
        }
        return results;
    }

    /** Stops the group-commit threads (calls still waiting fail), then tells what is left to tell. */
    @Override
    public void close() {
        group.close();
        notifier.close();
    }

    /**
     * Inserts on the caller's connection and transaction; results in input order. Other nodes hear of the created
     * jobs on commit (the dialect's insert tells them).
     */
    List<EnqueueResult> insert(Connection connection, List<NewJob> jobs) throws SQLException {
        return insert(connection, jobs, true);
    }

    private List<EnqueueResult> insert(Connection connection, List<NewJob> jobs, boolean tell) throws SQLException {
        int n = jobs.size();
        int[] leader = new int[n];
        List<Integer> pending = leaders(jobs, leader);
        long[] ids = new long[n];
        boolean[] created = new boolean[n];
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                NewJob job = jobs.get(pending.get(0));
                throw new StoreException("bug: job of task '" + job.task() + "' with dedup key '" + job.dedupKey()
                        + "' and schedule '" + job.scheduleName() + "' at " + job.fireAt() + " was refused as a"
                        + " duplicate " + MAX_ROUNDS + " times, yet no job holds its key");
            }
            List<Integer> skipped = insertRows(connection, jobs, pending, ids, created, tell);
            pending = resolveHolders(connection, jobs, skipped, ids);
        }
        List<EnqueueResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int first = leader[i];
            results.add(new EnqueueResult(ids[first], created[first] && first == i));
        }
        return results;
    }

    /** Fills {@code leader} with the index of the first job sharing a key with each job; returns the leaders. */
    private static List<Integer> leaders(List<NewJob> jobs, int[] leader) {
        Map<String, Integer> byDedupKey = new HashMap<>();
        Map<ScheduleKey, Integer> byFireTime = new HashMap<>();
        List<Integer> result = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            NewJob job = jobs.get(i);
            ScheduleKey fire = job.scheduleName() == null ? null : new ScheduleKey(job.scheduleName(), job.fireAt(),
                    job.cell());
            Integer first = job.dedupKey() == null ? null : byDedupKey.get(job.dedupKey());
            if (first == null && fire != null) {
                first = byFireTime.get(fire);
            }
            leader[i] = first == null ? i : first;
            if (first == null) {
                result.add(i);
                if (job.dedupKey() != null) {
                    byDedupKey.put(job.dedupKey(), i);
                }
                if (fire != null) {
                    byFireTime.put(fire, i);
                }
            }
        }
        return result;
    }

    private List<Integer> insertRows(Connection connection, List<NewJob> jobs, List<Integer> indexes, long[] ids,
                                     boolean[] created, boolean tell) throws SQLException {
        List<NewJob> rows = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            rows.add(jobs.get(index));
        }
        long[] inserted = dialect.insertSkippingConflicts(connection, rows, json, tell);
        List<Integer> skipped = new ArrayList<>();
        for (int k = 0; k < indexes.size(); k++) {
            int index = indexes.get(k);
            if (inserted[k] == Dialect.SKIPPED) {
                skipped.add(index);
            } else {
                ids[index] = inserted[k];
                created[index] = true;
            }
        }
        return skipped;
    }

    /** Sets the holder's id for each skipped job; returns those whose holder is gone (to insert again). */
    private static List<Integer> resolveHolders(Connection connection, List<NewJob> jobs, List<Integer> skipped,
                                                long[] ids) throws SQLException {
        if (skipped.isEmpty()) {
            return skipped;
        }
        Map<String, Long> holders = dedupHolders(connection, jobs, skipped);
        List<Integer> unresolved = new ArrayList<>();
        try (PreparedStatement byFireTime = connection.prepareStatement(
                "SELECT id FROM jobs WHERE schedule_name = ? AND fire_cell = ? AND fire_at = ?")) {
            for (int index : skipped) {
                NewJob job = jobs.get(index);
                Long holder = job.dedupKey() == null ? null : holders.get(job.dedupKey());
                if (holder == null && job.scheduleName() != null) {
                    byFireTime.setString(1, job.scheduleName());
                    byFireTime.setString(2, job.cell());
                    Sql.setInstant(byFireTime, 3, job.fireAt());
                    try (ResultSet rs = byFireTime.executeQuery()) {
                        holder = rs.next() ? rs.getLong(1) : null;
                    }
                }
                if (holder == null) {
                    unresolved.add(index);
                } else {
                    ids[index] = holder;
                }
            }
        }
        return unresolved;
    }

    private static Map<String, Long> dedupHolders(Connection connection, List<NewJob> jobs, List<Integer> skipped)
            throws SQLException {
        List<String> keys = skipped.stream().map(i -> jobs.get(i).dedupKey()).filter(Objects::nonNull).toList();
        Map<String, Long> holders = new HashMap<>();
        if (keys.isEmpty()) {
            return holders;
        }
        // in chunks: an H2 array holds at most 65,536 elements, and a feed's poll may skip more duplicates
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, dedup_active FROM jobs WHERE dedup_active = ANY(?)")) {
            for (int from = 0; from < keys.size(); from += CHUNK) {
                ps.setArray(1, Sql.textArray(connection, keys.subList(from, Math.min(keys.size(), from + CHUNK))));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        holders.put(rs.getString(2), rs.getLong(1));
                    }
                }
            }
        }
        return holders;
    }
}
