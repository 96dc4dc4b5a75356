package io.hourglass.server.api.jobs;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.hourglass.job.OverdueJob;

/**
 * An overdue job as {@code GET /api/v1/overdue} shows it: the job's fields as in every job list, plus why it
 * waits ({@code reason}: {@code queue_paused}, {@code no_node_runs_task}, {@code queue_at_limit} or
 * {@code just_due}) and {@code because}, the reason in words.
 */
record OverdueView(@JsonUnwrapped JobView job, String reason, String because) {
    static OverdueView of(OverdueJob overdue) {
        return new OverdueView(JobView.of(overdue.job()), overdue.reason().wireName(), overdue.because());
    }
}
