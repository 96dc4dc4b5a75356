package io.hourglass.job;

import io.hourglass.attempt.Outcome;
import java.util.Locale;

/**
 * Where a job is in its life. {@code SCHEDULED} and {@code RUNNING} are unfinished: a job's dedup key is taken
 * only while it is unfinished. The rest are final.
 *
 * <pre>
 *   enqueue ──▶ SCHEDULED ──claim──▶ RUNNING ──succeeded──▶ SUCCEEDED
 *                  ▲  │                 │  ──failed/timed_out/infra_error, no retry left──▶ FAILED
 *                  │  │                 │  ──cancelled──▶ CANCELLED
 *                  │  └──cancel──▶ CANCELLED
 *                  └──retry (backoff) / lease expired / node shut down──┘
 *   SCHEDULED ──not started within its expiresAfter of its due time──▶ EXPIRED
 * </pre>
 */
public enum JobState {
    SCHEDULED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    /** Not started within its {@code expiresAfter} of its due time, so never run; {@code lastError} says so. */
    EXPIRED;

    public boolean isFinished() {
        return this != SCHEDULED && this != RUNNING;
    }

    /**
     * The final state of a job whose last attempt ended with {@code outcome} and is not retried: succeeded,
     * cancelled, or failed for every other outcome (a failure, an infrastructure error, a timeout).
     */
    public static JobState endedBy(Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> SUCCEEDED;
            case CANCELLED -> CANCELLED;
            case FAILED, INFRA_ERROR, TIMED_OUT -> FAILED;
        };
    }

    /** The lower-case name used in the database, the API and the UI. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromWireName(String value) {
        for (JobState state : values()) {
            if (state.wireName().equals(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown job state '" + value + "'");
    }
}
