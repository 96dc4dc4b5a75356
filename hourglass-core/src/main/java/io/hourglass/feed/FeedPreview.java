package io.hourglass.feed;

import io.hourglass.job.JobRequest;
import java.util.List;

/**
 * What a poll of a feed would do now, computed without creating anything: the jobs it would enqueue (with the id
 * of the unfinished job that already holds a job's dedup key, which a poll would skip as a duplicate), and the items
 * it would skip or refuse, with their reasons.
 */
public record FeedPreview(String feed, int httpStatus, int itemsSeen, List<PreviewJob> jobs,
                          List<FeedPoll.Refusal> skipped, List<FeedPoll.Refusal> refused) {

    public FeedPreview {
        jobs = List.copyOf(jobs);
        skipped = List.copyOf(skipped);
        refused = List.copyOf(refused);
    }

    /** A job a poll would create; {@code duplicateOf} is the unfinished job holding its dedup key, or null. */
    public record PreviewJob(int index, JobRequest request, Long duplicateOf) {
    }
}
