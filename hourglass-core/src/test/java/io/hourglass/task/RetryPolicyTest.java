package io.hourglass.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import io.hourglass.attempt.Outcome;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final double NO_SPREAD = 0.5; // the random value that puts the jitter at exactly 1.0

    private final RetryPolicy policy = RetryPolicy.DEFAULT;

    @Test
    void delaysGrowByTheMultiplier() {
        assertThat(policy.delayBeforeRetry(1, NO_SPREAD)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayBeforeRetry(2, NO_SPREAD)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayBeforeRetry(3, NO_SPREAD)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.delayBeforeRetry(4, NO_SPREAD)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void delaysStopGrowingAtTheMaximum() {
        assertThat(policy.delayBeforeRetry(9, NO_SPREAD)).isEqualTo(Duration.ofSeconds(256));
        assertThat(policy.delayBeforeRetry(10, NO_SPREAD)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.delayBeforeRetry(1000, NO_SPREAD)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterSpreadsEachDelayWithinItsBounds() {
        Duration base = Duration.ofSeconds(4);

        assertThat(policy.delayBeforeRetry(3, 0.0)).isEqualTo(Duration.ofMillis(3200));
        assertThat(policy.delayBeforeRetry(3, 0.999_999)).isBetween(Duration.ofMillis(4799), Duration.ofMillis(4800));
        for (double random = 0.0; random < 1.0; random += 0.01) {
            assertThat(policy.delayBeforeRetry(3, random))
                    .isBetween(base.multipliedBy(8).dividedBy(10), base.multipliedBy(12).dividedBy(10));
        }
        assertThat(policy.delayBeforeRetry(1000, 0.999_999)).isLessThanOrEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void withoutJitterTheDelayIsExact() {
        RetryPolicy exact = policy.withJitter(0.0);

        assertThat(exact.delayBeforeRetry(2, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(exact.delayBeforeRetry(2, 0.99)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void infraErrorsAreRetriedByDefaultUntilTheLimit() {
        assertThat(policy.shouldRetry(Outcome.INFRA_ERROR, 1, null)).isTrue();
        assertThat(policy.shouldRetry(Outcome.INFRA_ERROR, 4, null)).isTrue();
        assertThat(policy.shouldRetry(Outcome.INFRA_ERROR, 5, null)).isFalse();
    }

    @Test
    void failuresAndTimeoutsAreNotRetriedByDefault() {
        assertThat(policy.shouldRetry(Outcome.FAILED, 1, null)).isFalse();
        assertThat(policy.shouldRetry(Outcome.TIMED_OUT, 1, null)).isFalse();
        assertThat(policy.shouldRetry(Outcome.SUCCEEDED, 1, null)).isFalse();
        assertThat(policy.shouldRetry(Outcome.CANCELLED, 1, null)).isFalse();
    }

    @Test
    void aTaskCanOptIntoRetryingFailuresAndKeepsRetryingInfraErrors() {
        RetryPolicy retrying = policy.retrying(Outcome.FAILED);

        assertThat(retrying.retryOn()).containsExactlyInAnyOrder(Outcome.FAILED, Outcome.INFRA_ERROR);
        assertThat(retrying.shouldRetry(Outcome.FAILED, 1, null)).isTrue();
        assertThat(retrying.shouldRetry(Outcome.TIMED_OUT, 1, null)).isFalse();
    }

    @Test
    void aJobsOwnLimitOverridesThePolicys() {
        assertThat(policy.shouldRetry(Outcome.INFRA_ERROR, 5, 10)).isTrue();
        assertThat(policy.shouldRetry(Outcome.INFRA_ERROR, 1, 1)).isFalse();
        assertThat(policy.shouldRetry(Outcome.FAILED, 1, 10)).isFalse();
    }

    @Test
    void noneNeverRetries() {
        for (Outcome outcome : Outcome.values()) {
            assertThat(RetryPolicy.NONE.shouldRetry(outcome, 1, null)).as(outcome.name()).isFalse();
        }
    }

    @Test
    void badSettingsAreRejectedNamingTheField() {
        assertField(() -> policy.withMaxAttempts(0), "maxAttempts");
        assertField(() -> policy.withDelays(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2)), "multiplier");
        assertField(() -> policy.withDelays(Duration.ofSeconds(10), 2.0, Duration.ofSeconds(2)), "maxDelay");
        assertField(() -> policy.withDelays(Duration.ofSeconds(-1), 2.0, Duration.ofSeconds(2)), "initialDelay");
        assertField(() -> policy.withJitter(1.0), "jitter");
        assertField(() -> new RetryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, 0.0,
                Set.of(Outcome.SUCCEEDED)), "retryOn");
        assertThat(new RetryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, 0.0, EnumSet.noneOf(Outcome.class))
                .shouldRetry(Outcome.INFRA_ERROR, 1, null)).isFalse();
    }

    private static void assertField(Runnable action, String field) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
