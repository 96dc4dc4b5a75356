package io.hourglass.job;

/**
 * What an enqueue did: {@code created} is false when the dedup key belonged to an unfinished job, whose id is
 * then returned instead of a new one.
 */
public record EnqueueResult(long jobId, boolean created) {
}
