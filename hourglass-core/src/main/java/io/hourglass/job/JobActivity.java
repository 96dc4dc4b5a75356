package io.hourglass.job;

import java.time.Instant;

/**
 * A small summary of the jobs that changes whenever a job is created, claimed, or ends an attempt, read by the
 * store in one statement over indexes (no count over the history). A live dashboard compares two of these to
 * decide whether anything it shows may have changed, instead of re-reading everything on every tick. Equal
 * summaries mean no job was created, claimed or finished in between, except in the rare case of two changes that
 * cancel out within one comparison (one claim and one end at the same instant); a dashboard still refreshes
 * time-based figures (heartbeats, lateness) on a slower clock of its own.
 *
 * @param newestJobId       the highest job id, 0 when there is no job
 * @param runningJobs       how many jobs are running now
 * @param newestStartAt     when the most recently started running job started, or null when none runs
 * @param newestFinishAt    the latest end time of a finished job (succeeded, failed, cancelled), or null
 * @param newestAttemptEndAt the latest end time of any attempt (including those that will be retried), or null
 */
public record JobActivity(long newestJobId, long runningJobs, Instant newestStartAt, Instant newestFinishAt,
        Instant newestAttemptEndAt) {
    /** No jobs at all. */
    public static final JobActivity NONE = new JobActivity(0, 0, null, null, null);
}
