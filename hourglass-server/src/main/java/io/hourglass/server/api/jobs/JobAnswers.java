package io.hourglass.server.api.jobs;

import io.hourglass.job.EnqueueResult;
import java.util.List;

/** The answers of the job routes that are not a job itself: what they write is what the API docs describe. */
final class JobAnswers {
    private JobAnswers() {
    }

    /** A page of jobs; {@code nextCursor} is null on the last page. */
    record JobPage(List<JobView> items, String nextCursor) {
    }

    /** A bulk enqueue's results, in request order. */
    record BulkResults(List<EnqueueResult> results) {
    }

    /** {@code result}: {@code cancelled}, or {@code cancellation_requested} for a running job. */
    record Cancelled(long id, String result) {
    }

    /** A finished job's fresh copy: its id, whether it was created (false: the dedup key was taken), the original. */
    record Retried(long jobId, boolean created, long retryOf) {
    }
}
