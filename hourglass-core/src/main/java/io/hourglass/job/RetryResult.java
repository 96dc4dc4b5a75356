package io.hourglass.job;

/**
 * What {@code HourglassClient.retry} did with a job. "Retry now" means "run this now, whatever kept it waiting", so
 * the answer depends on the job's state: a finished job is {@link Action#COPIED} (a fresh job with the same task,
 * arguments, queue, priority, limits and dedup key, due now; {@code created} is false when the dedup key belonged
 * to an unfinished job, which is then the one returned); a scheduled one is {@link Action#MADE_DUE} (itself, due
 * now); a running one is {@link Action#REFUSED_RUNNING} (it is being tried now: cancel it to stop it).
 *
 * @param sourceJobId the job that was asked to be retried
 * @param job         the job that will run: the copy, or the source job as it is after the call
 * @param created     true only when a copy was created
 */
public record RetryResult(Action action, long sourceJobId, Job job, boolean created) {

    /** The three things a retry can do. */
    public enum Action { COPIED, MADE_DUE, REFUSED_RUNNING }
}
