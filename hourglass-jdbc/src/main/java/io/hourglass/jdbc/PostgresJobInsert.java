package io.hourglass.jdbc;

import io.hourglass.store.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's insert of a batch of jobs, on the caller's transaction (or in auto-commit where it is one statement,
 * {@link #isOneStatement}). Ids come from the identity sequence in input order, so each input row knows its id and
 * ids grow with input order.
 * <ul>
 *   <li>One job whose insert tells nobody goes in by a one-row {@code INSERT ... VALUES ... ON CONFLICT DO NOTHING
 *       RETURNING id} ({@link #ONE_ROW}).</li>
 *   <li>With at least {@link #COPY_MIN_ROWS} jobs no unique key can refuse (no dedup key, no schedule: both unique
 *       indexes are partial and leave them out, and the ids are the sequence's): the ids are drawn in one query,
 *       those jobs go straight into {@code jobs} with one {@code COPY ... FROM STDIN} in the binary format
 *       ({@link CopyBinary}), with no statement per row, no parameters and no conflict check, and the others go over
 *       the arrays below with the ids given.</li>
 *   <li>Otherwise every job goes over column arrays: one statement per {@link #ARRAY_ROWS} rows, {@code unnest}
 *       with {@code ON CONFLICT DO NOTHING}, drawing the ids itself, answering per row its id and whether it was
 *       created (a unique key taken by a stored job refuses it).</li>
 * </ul>
 * Why not {@code COPY} into a staging table and one {@code INSERT ... SELECT ... ON CONFLICT} for the keyed jobs:
 * measured, the unique-index check is what those rows cost, and staging adds a copy and a temporary table per call
 * (catalog rows created and dropped each time) to it; see docs/architecture.md. A connection the driver's
 * {@link PGConnection} cannot be unwrapped from (a pool that hides it) sends every job over the arrays: the same
 * result, without the fast path. Any failure throws and the caller's transaction rolls back: nothing of the batch
 * stays.
 */
final class PostgresJobInsert {
    /** Rows per array statement: bounds the size of one statement's parameters. */
    static final int ARRAY_ROWS = 10_000;
    /**
     * Fewer jobs free of unique keys than this go with the others over the arrays, in one statement: COPY costs a
     * query for the ids, its own round trip and a separate notification, which measured no gain for calls of
     * 1,000 on a loaded machine (where round trips are slow) and 2.5-3.6x for a call of 100,000.
     */
    static final int COPY_MIN_ROWS = 2000;

    /**
     * The jobs' id sequence, looked up once per statement: {@code pg_get_serial_sequence} in a row's expression runs
     * for every row, a catalog lookup of 2.7 µs that cost seven times what drawing the id does (docs/benchmarks.md,
     * "Issue 11, session 14"), and {@code OFFSET 0} keeps the planner from pulling the subquery up into the rows.
     */
    private static final String SEQUENCE = "(SELECT pg_get_serial_sequence('jobs', 'id')::regclass AS s OFFSET 0)"
            + " AS id_sequence";

    private static final String IDS = "SELECT nextval(id_sequence.s) FROM " + SEQUENCE + ", generate_series(1, ?)";

    private static final String COLUMNS = "id, task, queue, priority, args, kwargs, dedup_key, dedup_active, state,"
            + " due_at, created_at, attempts, max_attempts, timeout_ms, schedule_name, fire_at, fire_cell, expires_at";

    /** The binary format: each value goes in its column type's own form (see {@link CopyBinary}). */
    private static final String COPY = "COPY jobs (" + COLUMNS + ") FROM STDIN (FORMAT binary)";
    /** The number of {@link #COLUMNS}, which every copied row has. */
    private static final int COPY_FIELDS = COLUMNS.split(",").length;

    /**
     * The jobs over column arrays. A row's id is the one given, or drawn from the sequence when the given one is
     * NULL (in input order: the input is materialized in order first); answers (ord, id, created) per row. Rows go
     * in by dedup key: two transactions inserting some of the same keys take them in one order and wait for each
     * other rather than deadlock (the ids were drawn in input order before). The first {@code %s} is
     * {@link #SEQUENCE}; the other three are where {@link #TOLD} and its use go, or nothing.
     */
    private static final String FROM_ARRAYS = """
            WITH input AS MATERIALIZED (
                SELECT COALESCE(t.given_id, nextval(id_sequence.s)) AS id, t.*
                FROM %s, unnest(?::bigint[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[],
                            ?::timestamptz[], ?::timestamptz[], ?::int[], ?::bigint[], ?::text[], ?::timestamptz[],
                            ?::text[], ?::timestamptz[])
                     WITH ORDINALITY AS t(given_id, task, queue, priority, args, kwargs, dedup_key, due_at,
                                          created_at, max_attempts, timeout_ms, schedule_name, fire_at, fire_cell,
                                          expires_at, ord)
            ), inserted AS (
                INSERT INTO jobs (id, task, queue, priority, args, kwargs, dedup_key, dedup_active, state, due_at,
                                  created_at, attempts, max_attempts, timeout_ms, schedule_name, fire_at, fire_cell,
                                  expires_at)
                SELECT id, task, queue, priority, args, kwargs, dedup_key, dedup_key, 'scheduled', due_at,
                       created_at, 0, max_attempts, timeout_ms, schedule_name, fire_at, fire_cell, expires_at
                FROM input ORDER BY dedup_key, ord
                ON CONFLICT DO NOTHING
                RETURNING id, due_at
            )%s
            SELECT input.ord, input.id, inserted.id IS NOT NULL AS created%s
            FROM input LEFT JOIN inserted ON inserted.id = input.id%s
            ORDER BY input.ord""";

    /**
     * Telling other nodes, in the same statement, the earliest due time it created ({@link ChangePayload#jobs},
     * in SQL: epoch milliseconds rounded down, as {@code Instant.toEpochMilli}), delivered on commit: a single
     * enqueue on the caller's transaction is this statement and the commit, two round trips. The query reads
     * its column: a {@code SELECT} in {@code WITH} that nothing reads is not run.
     */
    private static final String TOLD = """
            , told AS (
                SELECT pg_notify('%s', 'jobs:' || floor(extract(epoch FROM min(due_at)) * 1000)::bigint)::text
                       AS sent
                FROM inserted HAVING count(*) > 0
            )""".formatted(PostgresDialect.CHANNEL);

    private static final String FROM_ARRAYS_TELLING = FROM_ARRAYS.formatted(SEQUENCE, TOLD, ", told.sent",
            " LEFT JOIN told ON true");
    private static final String FROM_ARRAYS_SILENT = FROM_ARRAYS.formatted(SEQUENCE, "", "", "");

    /**
     * One job, with no arrays to build and parse: about a quarter less of PostgreSQL's time than the arrays
     * statement for one row (pgbench, docs/benchmarks.md). Answers the new id, or no row when a unique key refused it.
     */
    private static final String ONE_ROW = "INSERT INTO jobs (" + Rows.NEW_JOB_COLUMNS + ") VALUES ("
            + Rows.NEW_JOB_VALUES + ") ON CONFLICT DO NOTHING RETURNING id";

    private PostgresJobInsert() {
    }

    /**
     * Whether {@link #insert} writes {@code jobs} with one statement and nothing after it: none of them can be
     * refused by a unique key (so no holder is looked up and nothing is inserted again), and they are too few to go
     * by {@code COPY}.
     */
    static boolean isOneStatement(List<NewJob> jobs) {
        return jobs.size() < COPY_MIN_ROWS && jobs.stream().allMatch(PostgresJobInsert::isUnrefusable);
    }

    private static boolean isUnrefusable(NewJob job) {
        return job.dedupKey() == null && job.scheduleName() == null;
    }

    /**
     * Per job in order, its new id or {@link Dialect#SKIPPED} when a unique key refused it; with {@code tell},
     * other nodes are told of the created jobs on commit (without, the caller tells them after it).
     */
    static long[] insert(Connection connection, List<NewJob> jobs, JsonCodec json, boolean tell)
            throws SQLException {
        if (jobs.size() == 1 && !tell) {
            return new long[] {oneRow(connection, jobs.get(0), json)};
        }
        List<Integer> free = new ArrayList<>();
        List<Integer> keyed = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            NewJob job = jobs.get(i);
            (isUnrefusable(job) ? free : keyed).add(i);
        }
        long[] ids;
        if (free.size() >= COPY_MIN_ROWS && connection.isWrapperFor(PGConnection.class)) {
            ids = drawIds(connection, jobs.size());
            copy(connection.unwrap(PGConnection.class), jobs, free, ids, json);
            Instant earliest = free.stream().map(i -> jobs.get(i).dueAt()).min(Instant::compareTo).orElseThrow();
            if (tell) {
                PostgresDialect.tell(connection, ChangePayload.jobs(earliest));
            }
        } else {
            ids = new long[jobs.size()];
            keyed = allOf(jobs);
        }
        for (int from = 0; from < keyed.size(); from += ARRAY_ROWS) {
            fromArrays(connection, jobs, keyed.subList(from, Math.min(keyed.size(), from + ARRAY_ROWS)), ids, json,
                    tell);
        }
        return ids;
    }

    private static List<Integer> allOf(List<NewJob> jobs) {
        List<Integer> all = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            all.add(i);
        }
        return all;
    }

    private static long[] drawIds(Connection connection, int count) throws SQLException {
        long[] ids = new long[count];
        try (PreparedStatement ps = connection.prepareStatement(IDS)) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < count; i++) {
                    if (!rs.next()) {
                        throw new StoreException("bug: PostgreSQL drew " + i + " job ids of " + count);
                    }
                    ids[i] = rs.getLong(1);
                }
            }
        }
        return ids;
    }

    private static void copy(PGConnection connection, List<NewJob> jobs, List<Integer> rows, long[] ids,
                             JsonCodec json) throws SQLException {
        CopyIn copy = connection.getCopyAPI().copyIn(COPY);
        try {
            CopyBinary rowsOut = new CopyBinary();
            for (int index : rows) {
                NewJob job = jobs.get(index);
                rowsOut.row(COPY_FIELDS).int8(ids[index]).text(job.task()).text(job.queue()).int4(job.priority())
                        .text(json.args(job.args())).text(json.kwargs(job.kwargs()))
                        .text(job.dedupKey()).text(job.dedupKey()).text("scheduled")
                        .timestamptz(job.dueAt()).timestamptz(job.createdAt()).int4(0).int4(job.maxAttempts())
                        .int8(Sql.millis(job.timeout())).text(job.scheduleName()).timestamptz(job.fireAt())
                        .text(job.cell()).timestamptz(job.expiresAt());
                if (rowsOut.isFull()) {
                    rowsOut.flushTo(copy);
                }
            }
            rowsOut.finishTo(copy);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static long oneRow(Connection connection, NewJob job, JsonCodec json) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(ONE_ROW)) {
            Rows.bindNewJob(ps, job, json);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : Dialect.SKIPPED;
            }
        }
    }

    /** Sets {@code ids} of {@code rows}: the row's id, or SKIPPED; an id of 0 on entry is drawn by the statement. */
    private static void fromArrays(Connection connection, List<NewJob> jobs, List<Integer> rows, long[] ids,
                                   JsonCodec json, boolean tell) throws SQLException {
        int n = rows.size();
        Long[] id = new Long[n];
        String[] task = new String[n];
        String[] queue = new String[n];
        Integer[] priority = new Integer[n];
        String[] args = new String[n];
        String[] kwargs = new String[n];
        String[] dedupKey = new String[n];
        String[] dueAt = new String[n];
        String[] createdAt = new String[n];
        Integer[] maxAttempts = new Integer[n];
        Long[] timeoutMs = new Long[n];
        String[] scheduleName = new String[n];
        String[] fireAt = new String[n];
        String[] cell = new String[n];
        String[] expiresAt = new String[n];
        for (int k = 0; k < n; k++) {
            int index = rows.get(k);
            NewJob job = jobs.get(index);
            id[k] = ids[index] == 0 ? null : ids[index];
            task[k] = job.task();
            queue[k] = job.queue();
            priority[k] = job.priority();
            args[k] = json.args(job.args());
            kwargs[k] = json.kwargs(job.kwargs());
            dedupKey[k] = job.dedupKey();
            dueAt[k] = PostgresDialect.iso(job.dueAt());
            createdAt[k] = PostgresDialect.iso(job.createdAt());
            maxAttempts[k] = job.maxAttempts();
            timeoutMs[k] = Sql.millis(job.timeout());
            scheduleName[k] = job.scheduleName();
            fireAt[k] = PostgresDialect.iso(job.fireAt());
            cell[k] = job.cell();
            expiresAt[k] = PostgresDialect.iso(job.expiresAt());
        }
        try (PreparedStatement ps = connection.prepareStatement(tell ? FROM_ARRAYS_TELLING : FROM_ARRAYS_SILENT)) {
            ps.setArray(1, connection.createArrayOf("int8", id));
            ps.setArray(2, connection.createArrayOf("text", task));
            ps.setArray(3, connection.createArrayOf("text", queue));
            ps.setArray(4, connection.createArrayOf("int4", priority));
            ps.setArray(5, connection.createArrayOf("text", args));
            ps.setArray(6, connection.createArrayOf("text", kwargs));
            ps.setArray(7, connection.createArrayOf("text", dedupKey));
            ps.setArray(8, connection.createArrayOf("text", dueAt));
            ps.setArray(9, connection.createArrayOf("text", createdAt));
            ps.setArray(10, connection.createArrayOf("int4", maxAttempts));
            ps.setArray(11, connection.createArrayOf("int8", timeoutMs));
            ps.setArray(12, connection.createArrayOf("text", scheduleName));
            ps.setArray(13, connection.createArrayOf("text", fireAt));
            ps.setArray(14, connection.createArrayOf("text", cell));
            ps.setArray(15, connection.createArrayOf("text", expiresAt));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int index = rows.get(rs.getInt(1) - 1);
                    ids[index] = rs.getBoolean(3) ? rs.getLong(2) : Dialect.SKIPPED;
                }
            }
        }
    }
}
