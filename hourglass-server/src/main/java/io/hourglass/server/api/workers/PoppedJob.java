package io.hourglass.server.api.workers;

import io.hourglass.job.Job;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A job as handed to a remote worker: what to run, and the attempt number its later calls must quote. */
record PoppedJob(long id, String task, String queue, int priority, List<Object> args, Map<String, Object> kwargs,
                 String dedupKey, Instant dueAt, int attempt, Instant leaseUntil, Instant deadline) {

    static PoppedJob of(Job job) {
        Instant deadline = job.timeout() == null || job.startedAt() == null ? null
                : job.startedAt().plus(job.timeout());
        return new PoppedJob(job.id(), job.task(), job.queue(), job.priority(), job.args(), job.kwargs(),
                job.dedupKey(), job.dueAt(), job.attempts(), job.leaseUntil(), deadline);
    }
}
