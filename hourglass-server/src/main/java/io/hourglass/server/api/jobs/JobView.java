package io.hourglass.server.api.jobs;

import io.hourglass.attempt.Attempt;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.hourglass.job.Job;
import io.hourglass.server.http.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job as the REST API shows it; states and outcomes by their wire names, instants in ISO-8601 UTC. An
 * {@code expired} job was not started by {@code expiresAt}; {@code lastError} says so. {@code cell} is the matrix
 * combination the job runs for, an object like its {@code kwargs} with its keys sorted (null outside a matrix),
 * kept by a retried copy.
 */
public record JobView(
        long id,
        String task,
        String queue,
        int priority,
        List<Object> args,
        Map<String, Object> kwargs,
        String dedupKey,
        String state,
        Instant dueAt,
        Instant createdAt,
        int attempts,
        Integer maxAttempts,
        Duration timeout,
        String owner,
        Instant leaseUntil,
        Instant startedAt,
        Instant finishedAt,
        String lastOutcome,
        String lastError,
        boolean cancelRequested,
        String scheduleName,
        Instant fireAt,
        Instant expiresAt,
        Map<String, Object> cell,
        List<AttemptView> attemptHistory) {

    /**
     * One attempt in a job's history. When one of the task's outcome rules reclassified it, {@code outcome} is the
     * rule's, {@code reportedOutcome} what the executor or worker reported and {@code outcomeRule} the rule's index;
     * both are null when the reported outcome stands.
     */
    public record AttemptView(int number, String owner, Instant startedAt, Instant finishedAt, long durationMs,
                              String outcome, String error, String output, boolean outputTruncated,
                              String reportedOutcome, Integer outcomeRule) {
        static AttemptView of(Attempt a) {
            return new AttemptView(a.number(), a.owner(), a.startedAt(), a.finishedAt(),
                    a.startedAt() == null || a.finishedAt() == null ? 0 : a.duration().toMillis(),
                    a.outcome() == null ? null : a.outcome().wireName(), a.error(), a.output(), a.outputTruncated(),
                    a.reportedOutcome() == null ? null : a.reportedOutcome().wireName(), a.outcomeRule());
        }
    }

    /** The job without its attempts (lists). */
    public static JobView of(Job job) {
        return of(job, null);
    }

    /** The job with its attempts, oldest first (one job). */
    public static JobView of(Job job, List<Attempt> attempts) {
        return new JobView(job.id(), job.task(), job.queue(), job.priority(), job.args(), job.kwargs(),
                job.dedupKey(), job.state().wireName(), job.dueAt(), job.createdAt(), job.attempts(),
                job.maxAttempts(), job.timeout(), job.owner(), job.leaseUntil(), job.startedAt(), job.finishedAt(),
                job.lastOutcome() == null ? null : job.lastOutcome().wireName(), job.lastError(),
                job.cancelRequested(), job.scheduleName(), job.fireAt(), job.expiresAt(), cellOf(job),
                attempts == null ? null : attempts.stream().map(AttemptView::of).toList());
    }

    /** The stored cell is the combination's canonical JSON (sorted keys); the API shows it as the object it is. */
    private static Map<String, Object> cellOf(Job job) {
        if (job.cell() == null || job.cell().isEmpty()) {
            return null;
        }
        try {
            return Json.mapper().readValue(job.cell(), CELL);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bug: job " + job.id() + " has a cell that is not JSON: " + job.cell(), e);
        }
    }

    private static final TypeReference<LinkedHashMap<String, Object>> CELL = new TypeReference<>() {
    };
}
