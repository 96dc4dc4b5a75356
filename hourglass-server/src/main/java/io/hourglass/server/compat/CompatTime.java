package io.hourglass.server.compat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ways the container-jobs API says when: a relative time (a whole number and one unit, {@code 30s},
 * {@code 2m}, {@code 1h}, {@code 4d}; compound forms such as {@code 2h30m} are refused, as the original API did)
 * and an absolute date in the Python format {@code %d-%m-%Y %H:%M:%S}, read and written in the server's zone.
 */
final class CompatTime {
    static final Pattern RELATIVE = Pattern.compile("^([0-9]+)([smhd])$");
    /** At most this far ahead: a typo of a few extra digits is an error, not a job due in the year 30000. */
    static final Duration MAX_AHEAD = Duration.ofDays(3650);
    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("dd-MM-uuuu HH:mm:ss");
    /** Like Python's strptime, day, month and time fields may have one or two digits. */
    private static final DateTimeFormatter READ = DateTimeFormatter.ofPattern("d-M-uuuu H:m:s")
            .withResolverStyle(ResolverStyle.STRICT);

    private final ZoneId zone;

    CompatTime(ZoneId zone) {
        this.zone = zone;
    }

    Duration parseRelative(String value) {
        Matcher m = RELATIVE.matcher(value);
        if (!m.matches()) {
            throw new CompatError(400, "time '" + value + "' is not valid: use a whole number and one unit of s, m,"
                    + " h or d, like 30s, 2m, 1h or 4d (compound forms like 2h30m are not accepted)");
        }
        Duration unit = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        try {
            Duration d = unit.multipliedBy(Long.parseLong(m.group(1)));
            if (d.compareTo(MAX_AHEAD) <= 0) {
                return d;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // too many digits for a long: reported below like any other too-large value
        }
        throw new CompatError(400, "time '" + value + "' is too far ahead: at most " + MAX_AHEAD.toDays() + "d");
    }

    Instant parseDate(String value) {
        try {
            return LocalDateTime.parse(value.trim(), READ).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new CompatError(400, "date '" + value + "' is not valid: use dd-mm-yyyy HH:MM:SS, like "
                    + "20-06-2021 20:00:00 (" + zone.getId() + ")");
        }
    }

    String format(Instant instant) {
        return instant == null ? null : WRITE.format(instant.atZone(zone));
    }
}
