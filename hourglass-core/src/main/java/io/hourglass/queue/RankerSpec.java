package io.hourglass.queue;

import io.hourglass.InvalidRequestException;
import java.time.Duration;
import java.util.Locale;

/**
 * A {@link Ranker} described by data, so a task defined at runtime (and stored) can carry one: one of the
 * built-in rankers with its parameters.
 *
 * @param priority for {@link Kind#FIXED}: the priority every job gets
 * @param unit     for the other kinds: one point per this much time
 * @param cap      for the other kinds: the highest priority given
 */
public record RankerSpec(Kind kind, int priority, Duration unit, int cap) {

    public enum Kind {
        FIXED, AGE_BASED, TIME_SINCE_LAST_SUCCESS;

        /** The name in JSON and the API: {@code fixed}, {@code age_based}, {@code time_since_last_success}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromWireName(String value) {
            for (Kind kind : values()) {
                if (kind.wireName().equals(value)) {
                    return kind;
                }
            }
            throw new InvalidRequestException("ranker.kind",
                    "must be fixed, age_based or time_since_last_success, was '" + value + "'");
        }
    }

    /** Priority 0 for every job: what a task without a ranker gets. */
    public static final RankerSpec DEFAULT = fixed(0);

    public RankerSpec {
        InvalidRequestException.require(kind != null, "ranker.kind", "must not be null");
        if (kind != Kind.FIXED) {
            InvalidRequestException.require(unit != null && unit.toMillis() >= 1, "ranker.unit",
                    "must be at least 1 ms, was " + unit);
            InvalidRequestException.require(cap >= 0, "ranker.cap", "must not be negative, was " + cap);
        }
    }

    public static RankerSpec fixed(int priority) {
        return new RankerSpec(Kind.FIXED, priority, null, 0);
    }

    public static RankerSpec ageBased(Duration unit, int cap) {
        return new RankerSpec(Kind.AGE_BASED, 0, unit, cap);
    }

    public static RankerSpec timeSinceLastSuccess(Duration unit, int cap) {
        return new RankerSpec(Kind.TIME_SINCE_LAST_SUCCESS, 0, unit, cap);
    }

    public Ranker toRanker() {
        return switch (kind) {
            case FIXED -> Ranker.fixed(priority);
            case AGE_BASED -> Ranker.ageBased(unit, cap);
            case TIME_SINCE_LAST_SUCCESS -> Ranker.timeSinceLastSuccess(unit, cap);
        };
    }
}
