package io.hourglass.schedule;

import java.util.Locale;

/**
 * What a schedule does with fire times it missed while no node was running (or while it was far behind).
 * A fire time counts as missed once it is older than the engine's misfire grace.
 */
public enum MisfirePolicy {
    /** Forget missed fire times; carry on with the next one in the future. */
    SKIP,
    /** Run once now for all the missed fire times together, then carry on. The default. */
    RUN_ONCE,
    /**
     * Run each missed fire time, oldest first; after a gap longer than the schedule's misfire cap, only the cap
     * most recent ones run (the older ones are dropped). Then carry on.
     */
    RUN_ALL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MisfirePolicy fromWireName(String value) {
        for (MisfirePolicy policy : values()) {
            if (policy.wireName().equals(value)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown misfire policy '" + value + "' (expected skip, run_once or run_all)");
    }
}
