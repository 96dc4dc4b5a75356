package io.hourglass.server.console.jobs;

import io.hourglass.job.Job;
import io.hourglass.job.JobState;
import java.util.ArrayList;
import java.util.List;

/**
 * The actions a job's page offers in its state, each with the line that says what it will do. Which of them a
 * viewer sees also depends on their role (write); the server checks both again when the form is sent.
 *
 * @param path where the form posts, under the job's page
 */
public record JobActions(String path, String label, String effect) {

    static List<JobActions> of(Job job) {
        List<JobActions> actions = new ArrayList<>();
        if (job.state() == JobState.SCHEDULED) {
            actions.add(new JobActions("run-now", "Run now", "Makes this job due now, keeping its queue and"
                    + " priority: the next free worker of the queue runs it."));
            actions.add(new JobActions("cancel", "Cancel", "Cancels this job at once: it will not run."));
        } else if (job.state() == JobState.RUNNING && !job.cancelRequested()) {
            actions.add(new JobActions("cancel", "Cancel", "Asks the node running this job to stop it; it ends"
                    + " cancelled when its handler stops."));
        } else if (job.state().isFinished()) {
            actions.add(new JobActions("retry", "Retry now", "Enqueues a fresh copy due now (same task, arguments,"
                    + " queue, priority and dedup key); this job stays as it is."));
        }
        return actions;
    }
}
