package io.hourglass.testsupport;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a real external part (PostgreSQL, the container engine, a Celery worker, a browser) call
 * {@link #require(String, boolean, String)}. When the part is missing: if the environment variable
 * {@code HOURGLASS_REQUIRE} names it (CI sets {@code HOURGLASS_REQUIRE=postgres,docker,celery,chromium}), the test
 * fails; otherwise it is skipped, with the reason printed loudly to stderr.
 */
public final class Requirements {
    public static final String ENV = "HOURGLASS_REQUIRE";

    private Requirements() {
    }

    /** The parts this run must have, from {@code HOURGLASS_REQUIRE} (comma-separated, case-insensitive). */
    public static Set<String> required() {
        String value = System.getenv(ENV);
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public static boolean isRequired(String part) {
        Set<String> required = required();
        return required.contains(part.toLowerCase(Locale.ROOT)) || required.contains("all");
    }

    /**
     * Fails or skips the calling test when {@code available} is false.
     *
     * @param part   the part's name as used in {@code HOURGLASS_REQUIRE}: postgres, docker, celery, chromium
     * @param reason what was tried, e.g. "no PostgreSQL at 127.0.0.1:5432 (connection refused)"
     */
    public static void require(String part, boolean available, String reason) {
        if (available) {
            return;
        }
        String message = part + " is not available: " + reason;
        if (isRequired(part)) {
            throw new AssertionError(message + " (and " + ENV + " requires it)");
        }
        System.err.println("!!! SKIPPING: " + message + ". Set " + ENV + "=" + part + " to make this a failure.");
        Assumptions.abort(message);
    }
}
