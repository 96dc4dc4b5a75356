package io.hourglass.jdbc;

import io.hourglass.schedule.CronSpec;
import io.hourglass.schedule.IntervalSpec;
import io.hourglass.schedule.OnceSpec;
import io.hourglass.schedule.Schedule;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Writes a schedule as the columns of {@link Rows#SCHEDULE_COLUMNS}, by name, so an insert writes all of them and
 * an update only the definition and the next fire time ({@link #UPDATED}): the run state the planner counts
 * (last fire time, run and skipped counts) is the firer's alone, so an edit that read it a moment before a fire
 * cannot write back stale counts.
 */
final class ScheduleColumns {
    static final String CRON = "cron";
    static final String INTERVAL = "interval";
    static final String ONCE = "once";

    static final List<String> ALL = Arrays.stream(Rows.SCHEDULE_COLUMNS.split(",")).map(String::strip).toList();
    private static final Set<String> FIRER_OWNS = Set.of("last_fire_at", "run_count", "skipped_count", "created_at");
    /** What an update writes. */
    static final List<String> UPDATED = ALL.stream().filter(c -> !FIRER_OWNS.contains(c)).toList();

    private ScheduleColumns() {
    }

    /** Binds {@code columns}, in that order, starting at parameter 1; returns the next index. */
    static int bind(PreparedStatement ps, Schedule s, JsonCodec json, List<String> columns) throws SQLException {
        int p = 1;
        for (String column : columns) {
            bind(ps, p++, column, s, json);
        }
        return p;
    }

    private static void bind(PreparedStatement ps, int p, String column, Schedule s, JsonCodec json)
            throws SQLException {
        CronSpec cron = s.spec() instanceof CronSpec c ? c : null;
        switch (column) {
            case "name" -> ps.setString(p, s.name());
            case "task" -> ps.setString(p, s.task());
            case "spec_kind" -> ps.setString(p, kind(s));
            case "cron_expression" -> ps.setString(p, cron == null ? null : cron.expression());
            case "cron_zone" -> ps.setString(p, cron == null ? null : cron.zone().getId());
            case "cron_style" -> ps.setString(p, cron == null ? null : cron.style().name());
            case "interval_ms" -> Sql.setLong(ps, p, s.spec() instanceof IntervalSpec i ? i.every().toMillis() : null);
            case "once_at" -> Sql.setInstant(ps, p, s.spec() instanceof OnceSpec once ? once.at() : null);
            case "args" -> ps.setString(p, json.args(s.args()));
            case "kwargs" -> ps.setString(p, json.kwargs(s.kwargs()));
            case "queue" -> ps.setString(p, s.queue());
            case "priority" -> Sql.setInteger(ps, p, s.priority());
            case "enabled" -> ps.setBoolean(p, s.enabled());
            case "start_at" -> Sql.setInstant(ps, p, s.startAt());
            case "end_at" -> Sql.setInstant(ps, p, s.endAt());
            case "misfire_policy" -> ps.setString(p, s.misfirePolicy().wireName());
            case "misfire_cap" -> ps.setInt(p, s.misfireCap());
            case "next_fire_at" -> Sql.setInstant(ps, p, s.nextFireAt());
            case "last_fire_at" -> Sql.setInstant(ps, p, s.lastFireAt());
            case "run_count" -> ps.setLong(p, s.runCount());
            case "created_at" -> Sql.setInstant(ps, p, s.createdAt());
            case "updated_at" -> Sql.setInstant(ps, p, s.updatedAt());
            case "skip_if_pending" -> ps.setBoolean(p, s.skipIfPending());
            case "allow_unknown_task" -> ps.setBoolean(p, s.allowUnknownTask());
            case "skipped_count" -> ps.setLong(p, s.skippedCount());
            case "matrix" -> ps.setString(p, s.matrix() == null ? null : json.object("matrix", s.matrix().toMap()));
            case "expires_after_ms" -> Sql.setLong(ps, p, Sql.millis(s.expiresAfter()));
            default -> throw new StoreException("bug: no binding for schedule column '" + column + "'");
        }
    }

    private static String kind(Schedule s) {
        if (s.spec() instanceof CronSpec) {
            return CRON;
        }
        return s.spec() instanceof IntervalSpec ? INTERVAL : ONCE;
    }
}
