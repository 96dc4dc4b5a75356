package io.hourglass.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.hourglass.InvalidRequestException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A cron expression evaluated in an IANA time zone. Fire times are computed on the zone's wall clock, so
 * "0 2 * * *" fires at 02:00 local time whatever the offset; across a DST change cron-utils' rules apply (see the
 * DST tests: a wall-clock time that does not exist is skipped to the next valid one; one that occurs twice fires
 * once).
 *
 * @param expression the expression as given
 * @param style      which dialect it was read as
 */
public record CronSpec(String expression, ZoneId zone, CronType style) implements ScheduleSpec {

    public CronSpec {
        InvalidRequestException.require(expression != null && !expression.isBlank(), "cron", "must not be blank");
        InvalidRequestException.require(zone != null, "zone", "a cron schedule needs a time zone");
    }

    /** Reads 5 fields as Unix cron, 7 as Quartz, 6 as Quartz when it uses '?' and as Spring otherwise. */
    public static CronSpec parse(String expression, ZoneId zone) {
        InvalidRequestException.require(expression != null && !expression.isBlank(), "cron", "must not be blank");
        String trimmed = expression.trim();
        int fields = trimmed.split("\\s+").length;
        CronType style = switch (fields) {
            case 5 -> CronType.UNIX;
            case 6 -> trimmed.contains("?") ? CronType.QUARTZ : CronType.SPRING;
            case 7 -> CronType.QUARTZ;
            default -> throw new InvalidRequestException("cron", "expected 5 (Unix), 6 (Spring/Quartz) or 7 (Quartz)"
                    + " fields, got " + fields + " in '" + trimmed + "'");
        };
        CronSpec spec = new CronSpec(trimmed, zone, style);
        spec.executionTime(); // validates now, so a bad expression never reaches the store
        return spec;
    }

    @Override
    public Optional<Instant> nextAfter(Instant after, Instant anchor) {
        return executionTime().nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }

    private ExecutionTime executionTime() {
        try {
            Cron cron = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(style)).parse(expression);
            return ExecutionTime.forCron(cron);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("cron", "'" + expression + "' is not a valid " + style.name().toLowerCase()
                    + " cron expression: " + e.getMessage());
        }
    }
}
