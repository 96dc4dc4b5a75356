package io.hourglass.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.hourglass.InvalidRequestException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cron expression evaluated in an IANA time zone. Fire times are computed on the zone's wall clock, so
 * "0 2 * * *" fires at 02:00 local time whatever the offset. Across DST changes the Vixie cron rule applies
 * (see {@link CronTimes}): schedules whose hour field is {@code *} fire on every real hour (25 times on
 * fall-back day, 23 on spring-forward day); schedules with fixed hours fire once for a repeated wall time (at
 * its first occurrence) and once, at the end of the gap, for a wall time that does not exist.
 *
 * <p>Dialects (cron-utils 9.2.1): Unix has 5 fields (minute hour day-of-month month day-of-week, Sunday 0 or 7);
 * Spring has 6 (a leading seconds field); Quartz has 6 or 7 (seconds, then an optional year) and needs a
 * {@code ?} in day-of-month or day-of-week. Nicknames such as {@code @daily} are not supported.
 *
 * @param expression the expression as given, trimmed
 * @param zone       the zone whose wall clock it runs on
 * @param style      which dialect it was read as
 */
public record CronSpec(String expression, ZoneId zone, CronType style) implements ScheduleSpec {

    /** The longest expression accepted (what the store keeps). */
    public static final int MAX_LENGTH = 200;
    private static final int CACHE_SIZE = 1024;

    /** Parsed expressions, so a schedule is parsed once, not on every fire-time search. */
    private static final Map<CronSpec, CronTimes> PARSED = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CronSpec, CronTimes> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    public CronSpec {
        InvalidRequestException.require(expression != null && !expression.isBlank(), "cron", "must not be blank");
        InvalidRequestException.require(zone != null, "zone", "a cron schedule needs a time zone");
        InvalidRequestException.require(style == CronType.UNIX || style == CronType.SPRING
                || style == CronType.QUARTZ, "cron", "style must be unix, spring or quartz, was " + style);
    }

    /** Reads 5 fields as Unix cron, 7 as Quartz, 6 as Quartz when it uses '?' and as Spring otherwise. */
    public static CronSpec parse(String expression, ZoneId zone) {
        InvalidRequestException.require(expression != null && !expression.isBlank(), "cron", "must not be blank");
        String trimmed = expression.trim();
        InvalidRequestException.require(trimmed.length() <= MAX_LENGTH, "cron", "must be at most " + MAX_LENGTH
                + " characters, was " + trimmed.length());
        int fields = trimmed.split("\\s+").length;
        CronType style = switch (fields) {
            case 5 -> CronType.UNIX;
            case 6 -> trimmed.contains("?") ? CronType.QUARTZ : CronType.SPRING;
            case 7 -> CronType.QUARTZ;
            default -> throw new InvalidRequestException("cron", "expected 5 (Unix), 6 (Spring/Quartz) or 7 (Quartz)"
                    + " fields, got " + fields + " in '" + trimmed + "'");
        };
        CronSpec spec = new CronSpec(trimmed, zone, style);
        spec.times(); // validates now, so a bad expression never reaches the store
        return spec;
    }

    @Override
    public Optional<Instant> nextAfter(Instant after, Instant anchor) {
        return times().next(after);
    }

    @Override
    public Optional<Instant> lastBefore(Instant before, Instant anchor) {
        return times().last(before);
    }

    private CronTimes times() {
        CronTimes cached = PARSED.get(this);
        if (cached != null) {
            return cached;
        }
        CronTimes parsed = new CronTimes(parseCron(), zone);
        PARSED.put(this, parsed);
        return parsed;
    }

    private Cron parseCron() {
        try {
            return new CronParser(CronDefinitionBuilder.instanceDefinitionFor(style)).parse(expression).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("cron", "'" + expression + "' is not a valid "
                    + style.name().toLowerCase(Locale.ROOT) + " cron expression: " + e.getMessage());
        }
    }
}
