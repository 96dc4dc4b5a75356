package io.hourglass.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in settings and APIs: "250ms", "30s", "5m", "2h", "1d", or ISO-8601 "PT30S".
 * This is the one parser of durations: settings, task definitions and every duration of the REST API go through it.
 *
 * <p>Invariant: every duration it returns is at most {@link #MAX} either way, so adding one to any accepted
 * instant ({@link Instants}) neither overflows nor leaves the range a database can store.
 */
public final class Durations {
    /** The longest duration accepted, either way: 36,500 days (about 100 years). */
    public static final Duration MAX = Duration.ofDays(36_500);
    /** The accepted range as error messages state it. */
    public static final String RANGE = "at most 36500d (100 years)";

    private static final Pattern SHORT = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Reads a duration; throws {@link IllegalArgumentException} naming the accepted forms, or the accepted range
     * ({@link #MAX}) for a duration longer than that (including one too long for {@link Duration} itself).
     */
    public static Duration parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a duration is required, such as 30s, 500ms, 5m or PT30S");
        }
        Duration parsed = read(value.trim());
        if (parsed == null || parsed.abs().compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + value + "' is outside the accepted range of durations: " + RANGE);
        }
        return parsed;
    }

    /** The duration written, or null when it is too long for {@link Duration}. */
    private static Duration read(String value) {
        Matcher m = SHORT.matcher(value);
        try {
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
            return Duration.parse(value);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        } catch (DateTimeParseException e) {
            if (e.getCause() instanceof ArithmeticException) {
                return null;
            }
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

    /** Requires an optional positive duration of at most {@link #MAX} (timeouts, expiries); null passes. */
    public static void requirePositive(String field, Duration value) {
        io.hourglass.InvalidRequestException.require(value == null || (!value.isNegative() && !value.isZero()),
                field, "must be positive, was " + value);
        io.hourglass.InvalidRequestException.require(value == null || value.compareTo(MAX) <= 0, field,
                "must be " + RANGE + ", was " + value);
    }
}
