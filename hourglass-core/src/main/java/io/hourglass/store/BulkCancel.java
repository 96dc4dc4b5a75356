package io.hourglass.store;

/**
 * What {@link Store#cancelJobs} did to one batch of jobs.
 *
 * @param cancelled scheduled jobs now cancelled
 * @param requested running jobs whose owner is now asked to stop (each records its outcome itself)
 */
public record BulkCancel(int cancelled, int requested) {
}
