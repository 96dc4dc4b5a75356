package io.hourglass.engine;

import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.task.OutcomeRules;
import io.hourglass.job.Job;
import io.hourglass.store.Completion;
import io.hourglass.task.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * Decides what happens to a job after an attempt ended: another try after the policy's backoff, or the end. The
 * same rule serves local attempts, remote workers' completions and leases taken over from dead owners, so a job
 * is retried the same way wherever it ran. Tasks this node does not know (run by remote workers or other nodes)
 * follow {@link RetryPolicy#DEFAULT}.
 */
final class RetryDecision {
    private final TaskRegistry tasks;
    private final DoubleSupplier random;

    RetryDecision(TaskRegistry tasks, DoubleSupplier random) {
        this.tasks = tasks;
        this.random = random;
    }

    RetryPolicy policyFor(String task) {
        TaskRegistry.Rules known = tasks.rules(task);
        return known == null ? RetryPolicy.DEFAULT : known.retryPolicy();
    }

    /** When the job should be tried again after its current attempt ended with {@code outcome}, or null for never. */
    Instant retryAt(Job job, Outcome outcome, Instant now) {
        if (outcome == Outcome.SUCCEEDED || outcome == Outcome.CANCELLED) {
            return null;
        }
        RetryPolicy policy = policyFor(job.task());
        if (!policy.shouldRetry(outcome, job.attempts(), job.maxAttempts())) {
            return null;
        }
        return now.plus(policy.delayBeforeRetry(job.attempts(), random.getAsDouble()));
    }

    /**
     * When a job whose owner was lost (its lease expired, or its process restarted) should be tried again: at its
     * own due time, so it keeps its place in its queue (priority, then due time) ahead of younger jobs, and no
     * backoff, since the attempt was lost with the node rather than failed; null when its policy allows no other
     * try. The retry limit still applies, so a job that kills every node it runs on stops after max attempts.
     */
    Instant retryInPlace(Job job) {
        boolean again = policyFor(job.task()).shouldRetry(Outcome.INFRA_ERROR, job.attempts(), job.maxAttempts());
        return again ? job.dueAt() : null;
    }

    /**
     * The completion of {@code owner}'s current attempt at {@code job}, with the retry decided here. This is the one
     * place every attempt's result passes (local executors of every type and remote workers alike), so the task's
     * {@link OutcomeRules} are applied here, before the retry is decided on the outcome they give. When the other
     * side asked for a wait ({@link ExecutionResult#retryAfter}, an HTTP Retry-After), a retry comes no sooner than
     * that, nor sooner than the policy's backoff.
     */
    Completion completion(Job job, String owner, ExecutionResult result, Instant startedAt, Instant finishedAt,
                          OutputBuffer output) {
        TaskRegistry.Rules known = tasks.rules(job.task());
        OutcomeRules rules = known == null ? OutcomeRules.NONE : known.outcomeRules();
        OutcomeRules.Verdict verdict = rules.apply(result.outcome(), result.error(), output.text(), result.exitCode(),
                result.status());
        Outcome outcome = verdict.outcome();
        String error = result.error();
        Outcome reported = null;
        if (verdict.rule() != null) {
            reported = result.outcome();
            if (error == null && outcome != Outcome.SUCCEEDED) {
                error = "reported " + reported.wireName() + "; outcomeRules[" + verdict.rule() + "] made it "
                        + outcome.wireName();
            }
        }
        Instant retryAt = retryAt(job, outcome, finishedAt);
        Duration retryAfter = result.retryAfter();
        if (retryAt != null && retryAfter != null && retryAt.isBefore(finishedAt.plus(retryAfter))) {
            retryAt = finishedAt.plus(retryAfter);
        }
        return new Completion(job.id(), owner, job.attempts(), outcome, startedAt, finishedAt, Failures.trim(error),
                output.text(), output.truncated(), retryAt, reported, verdict.rule());
    }
}
