package io.hourglass.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.InfrastructureException;
import io.hourglass.job.Job;
import io.hourglass.job.JobState;
import io.hourglass.store.Completion;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryDecisionTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final RetryPolicy FAST = RetryPolicy.DEFAULT.withDelays(Duration.ofMillis(100), 2.0,
            Duration.ofSeconds(1)).withJitter(0.0);

    private final Task known = Task.builder("known").handler(ctx -> { }).retryPolicy(FAST.withMaxAttempts(3)).build();
    private final RetryDecision decision = new RetryDecision(CodeTasks.registry(Map.of("known", known)), () -> 0.5);

    private static Job job(String task, int attempts, Integer maxAttempts) {
        return new Job(7, task, "default", 0, null, null, null, JobState.RUNNING, NOW, NOW, attempts, maxAttempts,
                null, "node-a", NOW.plusSeconds(30), NOW, null, null, null, false, null, null);
    }

    @Test
    void infraErrorIsRetriedAfterBackoff() {
        assertThat(decision.retryAt(job("known", 1, null), Outcome.INFRA_ERROR, NOW)).isEqualTo(NOW.plusMillis(100));
        assertThat(decision.retryAt(job("known", 2, null), Outcome.INFRA_ERROR, NOW)).isEqualTo(NOW.plusMillis(200));
    }

    @Test
    void infraErrorIsNotRetriedOnceAttemptsAreUsedUp() {
        assertThat(decision.retryAt(job("known", 3, null), Outcome.INFRA_ERROR, NOW)).isNull();
    }

    @Test
    void perJobMaxAttemptsOverridesTaskPolicy() {
        assertThat(decision.retryAt(job("known", 1, 1), Outcome.INFRA_ERROR, NOW)).isNull();
        assertThat(decision.retryAt(job("known", 4, 10), Outcome.INFRA_ERROR, NOW)).isNotNull();
    }

    @Test
    void jobWhoseOwnerWasLostIsRetriedAtItsOwnDueTimeWithoutBackoff() {
        Job lost = job("known", 2, null);
        assertThat(decision.retryInPlace(lost)).isEqualTo(lost.dueAt());
    }

    @Test
    void jobWhoseOwnerWasLostFailsOnceAttemptsAreUsedUp() {
        assertThat(decision.retryInPlace(job("known", 3, null))).isNull();
    }

    @Test
    void failedAndTimedOutAreNotRetriedByDefault() {
        assertThat(decision.retryAt(job("known", 1, null), Outcome.FAILED, NOW)).isNull();
        assertThat(decision.retryAt(job("known", 1, null), Outcome.TIMED_OUT, NOW)).isNull();
    }

    @Test
    void succeededAndCancelledAreNeverRetried() {
        assertThat(decision.retryAt(job("known", 1, null), Outcome.SUCCEEDED, NOW)).isNull();
        assertThat(decision.retryAt(job("known", 1, null), Outcome.CANCELLED, NOW)).isNull();
    }

    @Test
    void unknownTaskFollowsDefaultPolicy() {
        Instant retryAt = decision.retryAt(job("remote-only", 1, null), Outcome.INFRA_ERROR, NOW);
        assertThat(retryAt).isEqualTo(NOW.plus(RetryPolicy.DEFAULT_INITIAL_DELAY));
        assertThat(decision.retryAt(job("remote-only", RetryPolicy.DEFAULT_MAX_ATTEMPTS, null),
                Outcome.INFRA_ERROR, NOW)).isNull();
    }

    @Test
    void completionIsFencedByOwnerAndAttemptAndCarriesOutput() {
        OutputBuffer output = OutputBuffer.of("0123456789", 4);
        Completion completion = decision.completion(job("known", 2, null), "node-a",
                io.hourglass.executor.ExecutionResult.failed("boom"), NOW, NOW.plusSeconds(1), output);
        assertThat(completion.jobId()).isEqualTo(7);
        assertThat(completion.owner()).isEqualTo("node-a");
        assertThat(completion.attempt()).isEqualTo(2);
        assertThat(completion.output()).isEqualTo("0123");
        assertThat(completion.outputTruncated()).isTrue();
        assertThat(completion.retryAt()).isNull();
    }

    @Test
    void infrastructureExceptionMapsToInfraErrorAndOthersToFailed() {
        ExecutionResult infra = Failures.resultOf(new InfrastructureException("broker down"));
        ExecutionResult failed = Failures.resultOf(new IllegalStateException("bad login"));
        assertThat(infra.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(infra.error()).contains("broker down");
        assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(failed.error()).contains("IllegalStateException: bad login").contains("at ");
    }

    @Test
    void longErrorsAreTrimmed() {
        String trimmed = Failures.trim("x".repeat(Failures.MAX_ERROR_CHARS * 2));
        assertThat(trimmed.length()).isEqualTo(Failures.MAX_ERROR_CHARS);
        assertThat(trimmed.endsWith("(trimmed)")).isTrue();
    }
}
