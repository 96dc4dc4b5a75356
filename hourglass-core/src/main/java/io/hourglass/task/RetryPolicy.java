package io.hourglass.task;

import io.hourglass.InvalidRequestException;
import io.hourglass.attempt.Outcome;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * When and how soon a job is tried again. Delays grow exponentially from {@code initialDelay} by
 * {@code multiplier} up to {@code maxDelay}, each spread by up to {@code jitter} (0.2 = ±20%) so a burst of
 * failures does not come back as a burst of retries.
 *
 * <p>By default only {@code infra_error} is retried: the work never ran, so running it again is safe and likely to
 * help. {@code failed} and {@code timed_out} are retried only when the task says so ({@link #retrying(Outcome...)}).
 */
public record RetryPolicy(
        int maxAttempts,
        Duration initialDelay,
        double multiplier,
        Duration maxDelay,
        double jitter,
        Set<Outcome> retryOn) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
    public static final double DEFAULT_JITTER = 0.2;

    public static final RetryPolicy DEFAULT = new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_DELAY,
            DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY, DEFAULT_JITTER, EnumSet.of(Outcome.INFRA_ERROR));

    /** Never retry, whatever the outcome. */
    public static final RetryPolicy NONE = DEFAULT.withMaxAttempts(1);

    public RetryPolicy {
        InvalidRequestException.require(maxAttempts >= 1, "maxAttempts", "must be at least 1, was " + maxAttempts);
        InvalidRequestException.require(initialDelay != null && !initialDelay.isNegative(), "initialDelay",
                "must not be negative, was " + initialDelay);
        InvalidRequestException.require(multiplier >= 1.0, "multiplier", "must be at least 1.0, was " + multiplier);
        InvalidRequestException.require(maxDelay != null && maxDelay.compareTo(initialDelay) >= 0, "maxDelay",
                "must be at least initialDelay (" + initialDelay + "), was " + maxDelay);
        InvalidRequestException.require(jitter >= 0.0 && jitter < 1.0, "jitter", "must be in [0, 1), was " + jitter);
        InvalidRequestException.require(retryOn != null && !retryOn.contains(Outcome.SUCCEEDED)
                && !retryOn.contains(Outcome.CANCELLED), "retryOn", "may hold failed, infra_error and timed_out only");
        retryOn = retryOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(retryOn));
    }

    public RetryPolicy withMaxAttempts(int value) {
        return new RetryPolicy(value, initialDelay, multiplier, maxDelay, jitter, retryOn);
    }

    public RetryPolicy withDelays(Duration initial, double growth, Duration max) {
        return new RetryPolicy(maxAttempts, initial, growth, max, jitter, retryOn);
    }

    public RetryPolicy withJitter(double value) {
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, value, retryOn);
    }

    /** Also retries these outcomes (infra_error stays retried). */
    public RetryPolicy retrying(Outcome... outcomes) {
        EnumSet<Outcome> set = EnumSet.of(Outcome.INFRA_ERROR);
        set.addAll(retryOn);
        set.addAll(java.util.Arrays.asList(outcomes));
        return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter, set);
    }

    /**
     * True when a job whose attempt number {@code attemptsMade} ended with {@code outcome} gets another try,
     * given the job's own limit ({@code maxAttemptsOverride}, or null for this policy's).
     */
    public boolean shouldRetry(Outcome outcome, int attemptsMade, Integer maxAttemptsOverride) {
        int limit = maxAttemptsOverride != null ? maxAttemptsOverride : maxAttempts;
        return retryOn.contains(outcome) && attemptsMade < limit;
    }

    /**
     * The delay before retry number {@code attemptsMade} (1 after the first attempt failed), given a uniform
     * random number in [0, 1) for the jitter.
     */
    public Duration delayBeforeRetry(int attemptsMade, double random) {
        double base = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attemptsMade - 1));
        double capped = Math.min(base, maxDelay.toMillis());
        double spread = 1.0 + jitter * (2.0 * random - 1.0);
        return Duration.ofMillis(Math.max(0L, Math.round(capped * spread)));
    }
}
