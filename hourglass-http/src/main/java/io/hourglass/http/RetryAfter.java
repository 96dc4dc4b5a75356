package io.hourglass.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} header: whole seconds ({@code 120}) or an HTTP date, as a wait from now. A wait
 * is capped at {@link #MAX} so a server cannot park a job for a year; anything unreadable is no wait.
 */
final class RetryAfter {
    static final Duration MAX = Duration.ofHours(24);

    private RetryAfter() {
    }

    static Duration parse(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        Duration wait;
        if (value.chars().allMatch(Character::isDigit)) {
            wait = value.length() > 9 ? MAX : Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                wait = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (wait.isNegative() || wait.isZero()) {
            return null;
        }
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }

    static String describe(Duration wait) {
        return wait == null ? "" : " (Retry-After " + wait.toSeconds() + "s)";
    }
}
