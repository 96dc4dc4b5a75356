package io.hourglass.bench;

import java.sql.Connection;
import java.sql.Statement;

/**
 * Large tables made straight in SQL ({@code generate_series}, PostgreSQL only) before a burn-down, with the rows the
 * store itself would write: jobs pending in the future (scheduled, nothing claimed) and finished history (succeeded
 * jobs, each with its one attempt row). Each fill ends with {@code VACUUM (ANALYZE)} of what it filled and a
 * checkpoint: a table filled in seconds is not yet what one grown over days is (no hint bits or visibility map yet,
 * autovacuum would visit every row during the drain, the fill's checkpoint would still be writing).
 * Filling is far faster than enqueueing through the API (which a burn-down measures anyway); the point is the shape
 * of the tables the claims then run against.
 */
final class TableFill {
    /** The owner of the history's jobs and attempts, which tells them from the jobs a warm-up drained. */
    private static final String HISTORY_OWNER = "bench-history#1";

    private TableFill() {
    }

    /**
     * {@code jobs} scheduled jobs of the task, queue and priority the burn-down's own jobs have, due from an hour
     * to 30 days from now, as {@code insertJobs} writes them (no dedup key, no schedule, empty fire cell).
     * Returns the seconds the fill took.
     */
    static double future(BenchDatabase db, String task, int jobs) throws Exception {
        return run(db, scheduled(task, "now() + interval '1 hour' + (g % 2592000) * interval '1 second'", jobs),
                "VACUUM (ANALYZE) jobs", "CHECKPOINT");
    }

    /**
     * {@code jobs} scheduled jobs due now, as {@code future} writes them, after a checkpoint (not timed), with
     * nothing after: the server inserting rows by itself. Returns the seconds the insert took.
     */
    static double dueNow(BenchDatabase db, String task, int jobs) throws Exception {
        run(db, "CHECKPOINT");
        return run(db, scheduled(task, "now()", jobs));
    }

    private static String scheduled(String task, String dueAt, int jobs) {
        return "INSERT INTO jobs (task, queue, priority, args, kwargs, state, due_at, created_at, attempts, fire_cell)"
                + " SELECT '" + task + "', 'default', 0, '[' || g || ']', '{}', 'scheduled', " + dueAt + ", now(), 0,"
                + " '' FROM generate_series(1, " + jobs + ") AS g";
    }

    /**
     * {@code attempts} finished jobs with one attempt row each (succeeded, by a node of an earlier start), ending
     * over the last 29 days, so inside the default 30-day retention: the purge finds nothing to delete, and the
     * history is what claims, completions and the purge's own reads run beside. Returns the seconds it took.
     */
    static double history(BenchDatabase db, String task, int attempts) throws Exception {
        double filled = run(db, "INSERT INTO jobs (task, queue, priority, args, kwargs, state, due_at, created_at,"
                        + " attempts, owner, started_at, finished_at, last_outcome, fire_cell)"
                        + " SELECT '" + task + "', 'default', 0, '[' || g || ']', '{}', 'succeeded', t, t, 1,"
                        + " '" + HISTORY_OWNER + "', t, t + interval '5 milliseconds', 'succeeded', ''"
                        + " FROM (SELECT g, now() - interval '1 hour' - (g % 2505600) * interval '1 second' AS t"
                        + " FROM generate_series(1, " + attempts + ") AS g) AS series",
                "INSERT INTO attempts (job_id, number, owner, started_at, finished_at, outcome, output_truncated)"
                        + " SELECT id, 1, owner, started_at, finished_at, 'succeeded', false FROM jobs"
                        + " WHERE state = 'succeeded' AND owner = '" + HISTORY_OWNER + "'");
        return filled + settle(db);
    }

    /** Vacuums and analyzes the two tables a drain writes, then checkpoints (PostgreSQL); returns the seconds. */
    static double settle(BenchDatabase db) throws Exception {
        return run(db, "VACUUM (ANALYZE) jobs", "VACUUM (ANALYZE) attempts", "CHECKPOINT");
    }

    private static double run(BenchDatabase db, String... statements) throws Exception {
        long began = System.nanoTime();
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
        return ExecutorRuns.seconds(System.nanoTime() - began);
    }
}
