package io.hourglass.jdbc;

import com.cronutils.model.CronType;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.job.JobState;
import io.hourglass.queue.QueueConfig;
import io.hourglass.schedule.CronSpec;
import io.hourglass.schedule.IntervalSpec;
import io.hourglass.schedule.Matrix;
import io.hourglass.schedule.MisfirePolicy;
import io.hourglass.schedule.OnceSpec;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleSpec;
import io.hourglass.store.NewJob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Maps result rows to the model's records. Column lists live here so every query reads the same shape. */
final class Rows {
    static final String JOB_COLUMNS = "id, task, queue, priority, args, kwargs, dedup_key, state, due_at, created_at,"
            + " attempts, max_attempts, timeout_ms, owner, lease_until, started_at, finished_at, last_outcome,"
            + " last_error, cancel_requested, schedule_name, fire_at, expires_at, fire_cell";

    static final String ATTEMPT_COLUMNS = "job_id, number, owner, started_at, finished_at, outcome, error, output,"
            + " output_truncated, reported_outcome, outcome_rule";

    static final String SCHEDULE_COLUMNS = "name, task, spec_kind, cron_expression, cron_zone, cron_style,"
            + " interval_ms, once_at, args, kwargs, queue, priority, enabled, start_at, end_at, misfire_policy,"
            + " misfire_cap, next_fire_at, last_fire_at, run_count, created_at, updated_at, skip_if_pending,"
            + " allow_unknown_task, skipped_count, matrix, expires_after_ms";

    static final String QUEUE_COLUMNS = "name, concurrency, paused, max_size, bypass_priority";

    /** A new job's row without its id (drawn by the table), as {@link #bindNewJob} binds {@link #NEW_JOB_VALUES}. */
    static final String NEW_JOB_COLUMNS = "task, queue, priority, args, kwargs, dedup_key, dedup_active, state, due_at,"
            + " created_at, attempts, max_attempts, timeout_ms, schedule_name, fire_at, fire_cell, expires_at";
    static final String NEW_JOB_VALUES = "?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, 0, ?, ?, ?, ?, ?, ?";

    @FunctionalInterface
    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final JsonCodec json;

    Rows(JsonCodec json) {
        this.json = json;
    }

    /** Binds a new job to the parameters of {@link #NEW_JOB_VALUES}, from 1; the dedup key is also the active one. */
    static void bindNewJob(PreparedStatement ps, NewJob job, JsonCodec json) throws SQLException {
        ps.setString(1, job.task());
        ps.setString(2, job.queue());
        ps.setInt(3, job.priority());
        ps.setString(4, json.args(job.args()));
        ps.setString(5, json.kwargs(job.kwargs()));
        ps.setString(6, job.dedupKey());
        ps.setString(7, job.dedupKey());
        Sql.setInstant(ps, 8, job.dueAt());
        Sql.setInstant(ps, 9, job.createdAt());
        Sql.setInteger(ps, 10, job.maxAttempts());
        Sql.setLong(ps, 11, Sql.millis(job.timeout()));
        ps.setString(12, job.scheduleName());
        Sql.setInstant(ps, 13, job.fireAt());
        ps.setString(14, job.cell());
        Sql.setInstant(ps, 15, job.expiresAt());
    }

    static <T> List<T> all(ResultSet rs, Mapper<T> mapper) throws SQLException {
        List<T> result = new ArrayList<>();
        while (rs.next()) {
            result.add(mapper.map(rs));
        }
        return result;
    }

    Job job(ResultSet rs) throws SQLException {
        String outcome = rs.getString("last_outcome");
        return new Job(
                rs.getLong("id"),
                rs.getString("task"),
                rs.getString("queue"),
                rs.getInt("priority"),
                json.readArgs(rs.getString("args")),
                json.readKwargs(rs.getString("kwargs")),
                rs.getString("dedup_key"),
                JobState.fromWireName(rs.getString("state")),
                Sql.instant(rs, "due_at"),
                Sql.instant(rs, "created_at"),
                rs.getInt("attempts"),
                Sql.integer(rs, "max_attempts"),
                Sql.millis(rs, "timeout_ms"),
                rs.getString("owner"),
                Sql.instant(rs, "lease_until"),
                Sql.instant(rs, "started_at"),
                Sql.instant(rs, "finished_at"),
                outcome == null ? null : Outcome.fromWireName(outcome),
                rs.getString("last_error"),
                rs.getBoolean("cancel_requested"),
                rs.getString("schedule_name"),
                Sql.instant(rs, "fire_at"),
                Sql.instant(rs, "expires_at"),
                rs.getString("fire_cell"));
    }

    static Attempt attempt(ResultSet rs) throws SQLException {
        String reported = rs.getString("reported_outcome");
        return new Attempt(
                rs.getLong("job_id"),
                rs.getInt("number"),
                rs.getString("owner"),
                Sql.instant(rs, "started_at"),
                Sql.instant(rs, "finished_at"),
                Outcome.fromWireName(rs.getString("outcome")),
                rs.getString("error"),
                rs.getString("output"),
                rs.getBoolean("output_truncated"),
                reported == null ? null : Outcome.fromWireName(reported),
                Sql.integer(rs, "outcome_rule"));
    }

    Schedule schedule(ResultSet rs) throws SQLException {
        return new Schedule(
                rs.getString("name"),
                rs.getString("task"),
                spec(rs),
                json.readArgs(rs.getString("args")),
                json.readKwargs(rs.getString("kwargs")),
                rs.getString("queue"),
                Sql.integer(rs, "priority"),
                rs.getBoolean("enabled"),
                Sql.instant(rs, "start_at"),
                Sql.instant(rs, "end_at"),
                MisfirePolicy.fromWireName(rs.getString("misfire_policy")),
                rs.getInt("misfire_cap"),
                rs.getBoolean("skip_if_pending"),
                rs.getBoolean("allow_unknown_task"),
                matrix(rs.getString("matrix")),
                Sql.millis(rs, "expires_after_ms"),
                Sql.instant(rs, "next_fire_at"),
                Sql.instant(rs, "last_fire_at"),
                rs.getLong("run_count"),
                rs.getLong("skipped_count"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }

    private Matrix matrix(String stored) {
        return stored == null ? null : Matrix.fromMap(json.readObject(stored, () -> "schedule matrix"));
    }

    private static ScheduleSpec spec(ResultSet rs) throws SQLException {
        String kind = rs.getString("spec_kind");
        return switch (kind) {
            case ScheduleColumns.CRON -> new CronSpec(rs.getString("cron_expression"),
                    ZoneId.of(rs.getString("cron_zone")), CronType.valueOf(rs.getString("cron_style")));
            case ScheduleColumns.INTERVAL -> new IntervalSpec(Duration.ofMillis(rs.getLong("interval_ms")));
            case ScheduleColumns.ONCE -> new OnceSpec(Sql.instant(rs, "once_at"));
            default -> throw new StoreException("schedule '" + rs.getString("name") + "' has unknown spec_kind '"
                    + kind + "' (expected cron, interval or once)");
        };
    }

    static QueueConfig queue(ResultSet rs) throws SQLException {
        return new QueueConfig(
                rs.getString("name"),
                Sql.integer(rs, "concurrency"),
                rs.getBoolean("paused"),
                Sql.integer(rs, "max_size"),
                Sql.integer(rs, "bypass_priority"));
    }
}
