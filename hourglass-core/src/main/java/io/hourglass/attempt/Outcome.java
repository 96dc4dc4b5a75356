package io.hourglass.attempt;

import java.util.Locale;

/** How one attempt ended. */
public enum Outcome {
    /** The work was done. */
    SUCCEEDED,
    /** The work ran and failed through its own fault (a bad login, an exception in the handler). */
    FAILED,
    /** The work could not be run: engine down, broker unreachable, worker or node lost. Retried by default. */
    INFRA_ERROR,
    /** The work ran past its timeout and was stopped. */
    TIMED_OUT,
    /** Somebody cancelled the work while it ran. */
    CANCELLED;

    /** The lower-case name used in the database, the API and the UI. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromWireName(String value) {
        for (Outcome outcome : values()) {
            if (outcome.wireName().equals(value)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + value + "'");
    }
}
