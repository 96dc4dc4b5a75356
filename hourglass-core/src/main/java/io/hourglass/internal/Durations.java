package io.hourglass.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in settings and APIs: "250ms", "30s", "5m", "2h", "1d", or ISO-8601 "PT30S". */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /** Reads a duration; throws {@link IllegalArgumentException} naming the accepted forms. */
    public static Duration parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a duration is required, such as 30s, 500ms, 5m or PT30S");
        }
        Matcher m = SHORT.matcher(value.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration such as 30s, 500ms, 5m or PT30S");
        }
    }

    /** The shortest of "250ms", "30s", "5m", "2h", "1d" that is exact, else ISO-8601. */
    public static String format(Duration value) {
        long millis = value.toMillis();
        if (!value.equals(Duration.ofMillis(millis)) || millis < 0) {
            return value.toString();
        }
        if (millis % 86_400_000 == 0 && millis > 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
