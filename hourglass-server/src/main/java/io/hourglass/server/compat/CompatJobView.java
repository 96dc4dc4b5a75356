package io.hourglass.server.compat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hourglass.job.Job;

/**
 * A job as the container-jobs API shows it. {@code status} is {@code scheduled} or {@code running} while the job
 * is unfinished, and the final state's wire name ({@code succeeded}, {@code failed}, {@code cancelled}, {@code expired}) in
 * {@code history}.
 */
record CompatJobView(
        String id,
        @JsonProperty("job_name") String jobName,
        @JsonProperty("scheduled_in") String scheduledIn,
        @JsonProperty("scheduled_to") String scheduledTo,
        String status) {

    static CompatJobView of(Job job, CompatTime time) {
        Object image = job.kwargs().get(ContainerTask.IMAGE_ARG);
        return new CompatJobView(String.valueOf(job.id()), image == null ? null : image.toString(),
                time.format(job.createdAt()), time.format(job.dueAt()), job.state().wireName());
    }
}
