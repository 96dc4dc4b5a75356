package io.hourglass.docker;

import io.hourglass.InvalidRequestException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses memory sizes the way {@code docker run --memory} writes them: {@code 512k}, {@code 64m}, {@code 1g}. */
final class MemorySize {
    /** The engines refuse smaller limits than this (Docker's own minimum). */
    static final long MINIMUM_BYTES = 6L * 1024 * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([bkmg]?)");

    private MemorySize() {
    }

    /** The size in bytes; {@code field} names the setting or kwarg in the error. */
    static long parse(String field, Object value) {
        InvalidRequestException.require(value instanceof String || value instanceof Number, field,
                "must be a size like \"64m\" or \"1g\", was " + describe(value));
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        Matcher matcher = SIZE.matcher(text);
        InvalidRequestException.require(matcher.matches(), field,
                "must be a size like \"64m\" or \"1g\" (units b, k, m, g), was \"" + value + "\"");
        long bytes = Long.parseLong(matcher.group(1)) * switch (matcher.group(2)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        InvalidRequestException.require(bytes >= MINIMUM_BYTES, field,
                "must be at least 6m (the engine's minimum), was \"" + value + "\"");
        return bytes;
    }

    static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getSimpleName() + " (" + value + ")";
    }
}
