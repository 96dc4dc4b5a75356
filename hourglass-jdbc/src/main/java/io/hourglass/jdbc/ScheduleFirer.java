package io.hourglass.jdbc;

import io.hourglass.HourglassException;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.JobState;
import io.hourglass.schedule.Schedule;
import io.hourglass.store.FirePlan;
import io.hourglass.store.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fires due schedules. One transaction locks the due schedules with {@code FOR UPDATE SKIP LOCKED} (another node
 * firing at the same time takes the others, or none), asks the planner for each, inserts the plan's jobs and moves
 * the schedule's run state on. Even if two nodes planned the same fire time, the unique (schedule, fire time,
 * matrix cell) key lets only one job per cell in. A plan that skips while the previous job is pending is decided
 * here, per matrix cell, in the same transaction, with the schedule row locked; when a late round has several
 * fires of such a schedule, only the oldest gets a job in each cell and the others are counted as skipped, as they
 * would be one round at a time. The skipped count counts jobs not created (fire times × cells). (H2 locks every
 * due schedule its query reads, not only the first {@code limit}, so there one node fires at a time while the
 * others find nothing; correct, and schedules are few.)
 */
final class ScheduleFirer {
    /** Fire time order; a job without one (none of a schedule's have none) sorts last. */
    private static final Comparator<NewJob> FIRE_ORDER = Comparator.comparing(NewJob::fireAt,
            Comparator.nullsLast(Comparator.naturalOrder()));
    private static final String DUE = "SELECT " + Rows.SCHEDULE_COLUMNS + " FROM schedules"
            + " WHERE enabled AND next_fire_at <= ? ORDER BY next_fire_at, name LIMIT ? FOR UPDATE SKIP LOCKED";

    private static final String ADVANCE = "UPDATE schedules SET next_fire_at = ?,"
            + " last_fire_at = COALESCE(?, last_fire_at), run_count = run_count + ?,"
            + " skipped_count = skipped_count + ?, updated_at = ? WHERE name = ?";

    /** The state of a cell's previous job: the one with its latest fire time (the unique key's order). */
    private static final String PREVIOUS_JOB_STATE = "SELECT state FROM jobs WHERE schedule_name = ?"
            + " AND fire_cell = ? ORDER BY fire_at DESC LIMIT 1";

    private final Tx tx;
    private final Dialect dialect;
    private final Rows rows;
    private final JobWriter writer;

    ScheduleFirer(Tx tx, Dialect dialect, Rows rows, JobWriter writer) {
        this.tx = tx;
        this.dialect = dialect;
        this.rows = rows;
        this.writer = writer;
    }

    int fireDueSchedules(Instant now, int limit, Function<Schedule, FirePlan> planner) {
        if (limit <= 0) {
            return 0;
        }
        return tx.inTransaction(() -> "firing of schedules due by " + now, c -> {
            List<Schedule> due = lockDue(c, now, limit);
            for (Schedule schedule : due) {
                FirePlan plan = plan(planner, schedule);
                List<NewJob> jobs = plan.jobs();
                long skipped = 0;
                if (plan.skipIfPending() && !jobs.isEmpty()) {
                    Expirer.expireJobsOf(c, schedule.name(), now); // an expired job is no longer pending
                    List<NewJob> kept = new ArrayList<>();
                    for (List<NewJob> cell : byCell(jobs).values()) {
                        if (previousJobPending(c, schedule, cell.get(0).cell())) {
                            skipped += cell.size();
                        } else {
                            // several missed fires in one round: the oldest one's job is pending for the others
                            kept.add(cell.stream().min(FIRE_ORDER).orElseThrow());
                            skipped += cell.size() - 1;
                        }
                    }
                    jobs = kept;
                }
                List<EnqueueResult> results = jobs.isEmpty() ? List.of() : writer.insert(c, jobs);
                Instant lastFire = jobs.stream().map(NewJob::fireAt).filter(t -> t != null)
                        .max(Instant::compareTo).orElse(null);
                long created = results.stream().filter(EnqueueResult::created).count();
                advance(c, schedule, plan.nextFireAt(), lastFire, created, skipped, now);
            }
            return due.size();
        });
    }

    private List<Schedule> lockDue(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DUE)) {
            Sql.setInstant(ps, 1, now);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                return Rows.all(rs, rows::schedule);
            }
        }
    }

    private static FirePlan plan(Function<Schedule, FirePlan> planner, Schedule schedule) {
        try {
            FirePlan plan = planner.apply(schedule);
            if (plan == null) {
                throw new StoreException("bug: the planner returned no plan for schedule '" + schedule.name() + "'");
            }
            return plan;
        } catch (HourglassException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("planning schedule '" + schedule.name() + "' failed: " + e.getMessage(), e);
        }
    }

    /** The plan's jobs by matrix cell, in plan order. */
    private static Map<String, List<NewJob>> byCell(List<NewJob> jobs) {
        Map<String, List<NewJob>> cells = new LinkedHashMap<>();
        jobs.forEach(job -> cells.computeIfAbsent(job.cell(), k -> new ArrayList<>()).add(job));
        return cells;
    }

    private static boolean previousJobPending(Connection c, Schedule schedule, String cell) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PREVIOUS_JOB_STATE)) {
            ps.setString(1, schedule.name());
            ps.setString(2, cell);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                JobState state = JobState.fromWireName(rs.getString(1));
                return state == JobState.SCHEDULED || state == JobState.RUNNING;
            }
        }
    }

    private static void advance(Connection c, Schedule schedule, Instant nextFireAt, Instant lastFire, long created,
                                long skipped, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ADVANCE)) {
            Sql.setInstant(ps, 1, nextFireAt);
            Sql.setInstant(ps, 2, lastFire);
            ps.setLong(3, created);
            ps.setLong(4, skipped);
            Sql.setInstant(ps, 5, now);
            ps.setString(6, schedule.name());
            ps.executeUpdate();
        }
    }
}
