package io.hourglass;

/**
 * The root of every exception Hourglass throws. Subtypes carry the ids they are about, and every message names
 * the value and the rule it broke, so a log line alone is enough to act on.
 */
public class HourglassException extends RuntimeException {
    public HourglassException(String message) {
        super(message);
    }

    public HourglassException(String message, Throwable cause) {
        super(message, cause);
    }
}
