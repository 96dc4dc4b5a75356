package io.hourglass.job;

import io.hourglass.attempt.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One planned execution of a task with arguments, as stored.
 *
 * @param attempts       attempts started so far (the running attempt included); fences completions
 * @param maxAttempts    per-job override of the task's retry limit, or null
 * @param timeout        per-job override of the task's timeout, or null
 * @param owner          the node or worker holding the lease while running, else null
 * @param leaseUntil     when the running attempt's lease expires unless renewed, else null
 * @param startedAt      when the current or last attempt started, else null
 * @param finishedAt     when the job reached a final state, else null
 * @param lastOutcome    the outcome of the latest finished attempt, else null
 * @param lastError      the error of the latest finished attempt, else null
 * @param scheduleName   the schedule that created the job, else null
 * @param fireAt         the schedule's fire time this job stands for, else null
 * @param expiresAt      not started by then, the job is not run and ends {@link JobState#EXPIRED}; null for never
 * @param cell           the matrix combination the job runs for, as its {@link io.hourglass.schedule.Matrix#cellKey
 *                       cell key} ({@code jobs.fire_cell}): set on a matrix schedule's jobs and kept by their retried
 *                       copies; "" for a job outside any matrix
 */
public record Job(
        long id,
        String task,
        String queue,
        int priority,
        List<Object> args,
        Map<String, Object> kwargs,
        String dedupKey,
        JobState state,
        Instant dueAt,
        Instant createdAt,
        int attempts,
        Integer maxAttempts,
        Duration timeout,
        String owner,
        Instant leaseUntil,
        Instant startedAt,
        Instant finishedAt,
        Outcome lastOutcome,
        String lastError,
        boolean cancelRequested,
        String scheduleName,
        Instant fireAt,
        Instant expiresAt,
        String cell) {

    public Job {
        args = args == null ? List.of() : args;
        kwargs = kwargs == null ? Map.of() : kwargs;
        cell = cell == null ? "" : cell;
    }

    /** A job outside any matrix. */
    public Job(long id, String task, String queue, int priority, List<Object> args, Map<String, Object> kwargs,
               String dedupKey, JobState state, Instant dueAt, Instant createdAt, int attempts, Integer maxAttempts,
               Duration timeout, String owner, Instant leaseUntil, Instant startedAt, Instant finishedAt,
               Outcome lastOutcome, String lastError, boolean cancelRequested, String scheduleName, Instant fireAt,
               Instant expiresAt) {
        this(id, task, queue, priority, args, kwargs, dedupKey, state, dueAt, createdAt, attempts, maxAttempts,
                timeout, owner, leaseUntil, startedAt, finishedAt, lastOutcome, lastError, cancelRequested,
                scheduleName, fireAt, expiresAt, "");
    }

    /** A job outside any matrix that never expires. */
    public Job(long id, String task, String queue, int priority, List<Object> args, Map<String, Object> kwargs,
               String dedupKey, JobState state, Instant dueAt, Instant createdAt, int attempts, Integer maxAttempts,
               Duration timeout, String owner, Instant leaseUntil, Instant startedAt, Instant finishedAt,
               Outcome lastOutcome, String lastError, boolean cancelRequested, String scheduleName, Instant fireAt) {
        this(id, task, queue, priority, args, kwargs, dedupKey, state, dueAt, createdAt, attempts, maxAttempts,
                timeout, owner, leaseUntil, startedAt, finishedAt, lastOutcome, lastError, cancelRequested,
                scheduleName, fireAt, null, "");
    }
}
