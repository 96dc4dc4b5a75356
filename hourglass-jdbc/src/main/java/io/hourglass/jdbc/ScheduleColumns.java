package io.hourglass.jdbc;

import io.hourglass.schedule.CronSpec;
import io.hourglass.schedule.IntervalSpec;
import io.hourglass.schedule.OnceSpec;
import io.hourglass.schedule.Schedule;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/** Writes a schedule's definition and run state as the columns of {@link Rows#SCHEDULE_COLUMNS}, in that order. */
final class ScheduleColumns {
    static final String CRON = "cron";
    static final String INTERVAL = "interval";
    static final String ONCE = "once";

    private ScheduleColumns() {
    }

    /** Binds the 27 columns starting at parameter 1. */
    static void bind(PreparedStatement ps, Schedule s, JsonCodec json) throws SQLException {
        ps.setString(1, s.name());
        ps.setString(2, s.task());
        ps.setString(3, kind(s));
        if (s.spec() instanceof CronSpec cron) {
            ps.setString(4, cron.expression());
            ps.setString(5, cron.zone().getId());
            ps.setString(6, cron.style().name());
        } else {
            ps.setNull(4, Types.VARCHAR);
            ps.setNull(5, Types.VARCHAR);
            ps.setNull(6, Types.VARCHAR);
        }
        Sql.setLong(ps, 7, s.spec() instanceof IntervalSpec interval ? interval.every().toMillis() : null);
        Sql.setInstant(ps, 8, s.spec() instanceof OnceSpec once ? once.at() : null);
        ps.setString(9, json.args(s.args()));
        ps.setString(10, json.kwargs(s.kwargs()));
        ps.setString(11, s.queue());
        Sql.setInteger(ps, 12, s.priority());
        ps.setBoolean(13, s.enabled());
        Sql.setInstant(ps, 14, s.startAt());
        Sql.setInstant(ps, 15, s.endAt());
        ps.setString(16, s.misfirePolicy().wireName());
        ps.setInt(17, s.misfireCap());
        Sql.setInstant(ps, 18, s.nextFireAt());
        Sql.setInstant(ps, 19, s.lastFireAt());
        ps.setLong(20, s.runCount());
        Sql.setInstant(ps, 21, s.createdAt());
        Sql.setInstant(ps, 22, s.updatedAt());
        ps.setBoolean(23, s.skipIfPending());
        ps.setBoolean(24, s.allowUnknownTask());
        ps.setLong(25, s.skippedCount());
        ps.setString(26, s.matrix() == null ? null : json.object("matrix", s.matrix().toMap()));
        Sql.setLong(ps, 27, Sql.millis(s.expiresAfter()));
    }

    private static String kind(Schedule s) {
        if (s.spec() instanceof CronSpec) {
            return CRON;
        }
        return s.spec() instanceof IntervalSpec ? INTERVAL : ONCE;
    }
}
