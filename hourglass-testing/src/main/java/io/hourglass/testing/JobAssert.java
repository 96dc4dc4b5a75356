package io.hourglass.testing;

import io.hourglass.attempt.Attempt;
import io.hourglass.job.Job;
import io.hourglass.job.JobState;
import java.time.Instant;
import java.util.List;

/**
 * Checks on one job as the store holds it when {@link HourglassTestKit#assertThatJob(long)} was called. Each check
 * throws an {@link AssertionError} that says what was expected and shows the job and every attempt (outcome,
 * start, error), so a failing test explains itself without a debugger. Checks chain:
 * {@code kit.assertThatJob(id).succeeded().hasAttempts(2)}.
 */
public final class JobAssert {
    private final Job job;
    private final List<Attempt> attempts;

    JobAssert(Job job, List<Attempt> attempts) {
        this.job = job;
        this.attempts = List.copyOf(attempts);
    }

    /** The job ended {@code succeeded}. */
    public JobAssert succeeded() {
        return hasState(JobState.SUCCEEDED);
    }

    /** The job ended {@code failed}: no retry left, or none allowed. */
    public JobAssert failed() {
        return hasState(JobState.FAILED);
    }

    /** The job ended {@code failed} and its last error contains {@code errorPart}. */
    public JobAssert failedWith(String errorPart) {
        failed();
        if (job.lastError() == null || !job.lastError().contains(errorPart)) {
            throw fail("expected its last error to contain '" + errorPart + "'");
        }
        return this;
    }

    /** The job waits to run (not yet due, or waiting for a retry). */
    public JobAssert isScheduled() {
        return hasState(JobState.SCHEDULED);
    }

    public JobAssert hasState(JobState expected) {
        if (job.state() != expected) {
            throw fail("expected state " + expected.wireName() + ", but it is " + job.state().wireName());
        }
        return this;
    }

    /** Exactly {@code expected} attempts ran. */
    public JobAssert hasAttempts(int expected) {
        if (attempts.size() != expected) {
            throw fail("expected " + expected + " attempts, but " + attempts.size() + " ran");
        }
        return this;
    }

    /** The job is (or, for a finished job, was last) due at {@code expected}: a retry's time, for one waiting. */
    public JobAssert isDueAt(Instant expected) {
        if (!expected.equals(job.dueAt())) {
            throw fail("expected it due at " + expected + ", but it is due at " + job.dueAt());
        }
        return this;
    }

    /** The job as read. */
    public Job job() {
        return job;
    }

    /** Its attempts as read, oldest first. */
    public List<Attempt> attempts() {
        return attempts;
    }

    private AssertionError fail(String expectation) {
        return new AssertionError(describe(job, attempts, expectation));
    }

    private static String describe(Job job, List<Attempt> attempts, String expectation) {
        StringBuilder text = new StringBuilder("job ").append(job.id()).append(" (task '").append(job.task())
                .append("'): ").append(expectation).append("\n  job: ").append(job.state().wireName())
                .append(", due ").append(job.dueAt()).append(", ").append(job.attempts()).append(" attempts");
        if (job.lastError() != null) {
            text.append(", last error: ").append(firstLine(job.lastError()));
        }
        if (attempts.isEmpty()) {
            text.append("\n  no attempt ran");
        }
        for (Attempt attempt : attempts) {
            text.append("\n  attempt ").append(attempt.number()).append(": ").append(attempt.outcome().wireName())
                    .append(", started ").append(attempt.startedAt());
            if (attempt.error() != null) {
                text.append(": ").append(firstLine(attempt.error()));
            }
        }
        return text.toString();
    }

    /** An error's first line: a handler's error is its stack trace, whose first line says what happened. */
    static String firstLine(String error) {
        int end = error.indexOf('\n');
        return end < 0 ? error : error.substring(0, end).stripTrailing() + " (" + (error.lines().count() - 1) + " more lines)";
    }
}
