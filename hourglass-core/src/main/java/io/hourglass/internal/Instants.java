package io.hourglass.internal;

import io.hourglass.InvalidRequestException;
import java.time.Instant;

/**
 * The range of instants Hourglass accepts from users: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
 *
 * <p>Why a range at all: {@link Instant} reaches the year ±1,000,000,000, but PostgreSQL's timestamps end in the
 * year 294276, H2's and the JDBC drivers' conversions differ at the extremes, and adding a duration to an instant
 * near either end overflows. Every instant a request carries (due times, schedule bounds, query bounds) is checked
 * against this range where it enters, so none of them reaches the database or the schedule math as a 500.
 */
public final class Instants {
    public static final Instant MIN = Instant.EPOCH;
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** The range as error messages state it. */
    public static final String RANGE = "1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z";

    private Instants() {
    }

    /** True when {@code value} is within {@link #MIN} and {@link #MAX}. */
    public static boolean inRange(Instant value) {
        return !value.isBefore(MIN) && !value.isAfter(MAX);
    }

    /** Throws an {@link InvalidRequestException} naming {@code field} unless {@code value} is null or in range. */
    public static void requireInRange(String field, Instant value) {
        InvalidRequestException.require(value == null || inRange(value), field, outOfRange(value));
    }

    /** The message for an instant outside the range. */
    public static String outOfRange(Object value) {
        return "must be an instant from " + RANGE + ", was " + value;
    }
}
