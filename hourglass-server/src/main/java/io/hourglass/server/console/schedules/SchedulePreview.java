package io.hourglass.server.console.schedules;

import io.hourglass.schedule.CronSpec;
import io.hourglass.schedule.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the schedule editor's preview (and a schedule's page) shows: the timing in words and the next fire times,
 * each also in the cron's own zone, or the reason there are none (the API's message for an invalid timing, or
 * that it never fires).
 *
 * @param timing null when the timing could not be read
 * @param zone   the cron's zone, null for other kinds
 * @param error  null when the fire times are all there is to say
 * @param combinations what each fire creates a job for, in order (a matrix schedule's combinations; empty for
 *                     one job per fire), as the REST preview answers them
 */
public record SchedulePreview(String timing, ZoneId zone, List<Instant> fireTimes, String error,
        List<Map<String, Object>> combinations) {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.UK);

    /** The preview of a readable schedule's next fire times. */
    static SchedulePreview of(Schedule s, List<Instant> fireTimes) {
        return new SchedulePreview(ScheduleTiming.describe(s.spec()), s.spec() instanceof CronSpec c ? c.zone()
                : null, fireTimes, fireTimes.isEmpty() ? (s.enabled() ? "it never fires after now (no time"
                + " matches, or its end is past)" : "none while it is disabled") : null,
                s.matrix() == null ? List.of() : s.matrix().combinations());
    }

    static SchedulePreview refused(String error) {
        return new SchedulePreview(null, null, List.of(), error, List.of());
    }

    /** A combination as the kwargs it merges, e.g. {@code partner=acme, browser=chrome}. */
    public static String combination(Map<String, Object> combination) {
        StringBuilder text = new StringBuilder();
        combination.forEach((key, value) -> text.append(text.isEmpty() ? "" : ", ").append(key).append('=')
                .append(value));
        return text.toString();
    }

    /** A fire time as the wall clock of the cron's zone shows it ("" for other kinds). */
    public String local(Instant at) {
        return zone == null ? "" : LOCAL.format(at.atZone(zone)) + " " + zone.getId();
    }
}
