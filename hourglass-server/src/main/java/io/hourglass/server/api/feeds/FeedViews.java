package io.hourglass.server.api.feeds;

import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedPoll;
import io.hourglass.feed.FeedPreview;
import io.hourglass.job.JobRequest;
import io.hourglass.schedule.Schedule;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Feeds, polls and previews as the REST API shows them. A feed is shown in the shape it is sent, with header
 * values that hold a literal credential masked ({@code ${secret:NAME}} references are shown as written, never
 * their values), plus its schedule's next poll and its latest poll.
 */
final class FeedViews {
    private FeedViews() {
    }

    record FeedView(
            String name,
            String url,
            String every,
            String cron,
            String zone,
            Map<String, String> headers,
            String items,
            String task,
            FeedBody.TaskFromBody taskFrom,
            Map<String, Object> kwargs,
            List<Object> args,
            String dedupKey,
            String queue,
            Integer priority,
            String timeout,
            long maxResponseBytes,
            String schedule,
            Instant nextPollAt,
            PollView lastPoll,
            Instant createdAt,
            Instant updatedAt) {

        static FeedView of(Feed f, Schedule schedule, FeedPoll last) {
            FeedBody.TaskFromBody from = f.taskFrom() == null ? null
                    : new FeedBody.TaskFromBody(f.taskFrom().field(), f.taskFrom().map(), f.taskFrom().otherwise());
            return new FeedView(f.name(), f.url(), f.every(), f.cron(), f.zone(), f.maskedHeaders(), f.items(),
                    f.task(), from, f.kwargs(), f.args(), f.dedupKey(), f.queue(), f.priority(), f.timeout(),
                    f.maxResponseBytes(), f.scheduleName(), schedule == null ? null : schedule.nextFireAt(),
                    last == null ? null : PollView.of(last), f.createdAt(), f.updatedAt());
        }
    }

    /** An item a poll refused or skipped: its index in the document and why. */
    record ItemReason(int index, String reason) {
        static List<ItemReason> of(List<FeedPoll.Refusal> refusals) {
            return refusals.stream().map(r -> new ItemReason(r.index(), r.reason())).toList();
        }
    }

    /** One poll: {@code status} is polled, not_modified or failed; {@code durationMs} from start to end. */
    record PollView(long id, Long jobId, int attempt, String status, Integer httpStatus, int itemsSeen,
                    int jobsCreated, int duplicates, int skipped, int refused, List<ItemReason> refusals, String error,
                    Instant startedAt, Instant finishedAt, Long durationMs) {
        static PollView of(FeedPoll p) {
            return new PollView(p.id(), p.jobId(), p.attempt(), p.status().wireName(), p.httpStatus(), p.itemsSeen(),
                    p.jobsCreated(), p.duplicates(), p.skipped(), p.refused(), ItemReason.of(p.refusals()), p.error(),
                    p.startedAt(), p.finishedAt(), p.duration() == null ? null : p.duration().toMillis());
        }
    }

    /** A job a poll would create; {@code duplicateOf} is the unfinished job holding its dedup key (then none is). */
    record PreviewJob(int index, String task, List<Object> args, Map<String, Object> kwargs, String dedupKey,
                      String queue, Integer priority, Long duplicateOf) {
    }

    /** What a poll would do now. */
    record PreviewView(String feed, int httpStatus, int itemsSeen, List<PreviewJob> jobs, List<ItemReason> skipped,
                       List<ItemReason> refused) {
        static PreviewView of(FeedPreview p) {
            List<PreviewJob> jobs = p.jobs().stream().map(j -> {
                JobRequest r = j.request();
                return new PreviewJob(j.index(), r.task(), r.args(), r.kwargs(), r.dedupKey(), r.queue(),
                        r.priority(), j.duplicateOf());
            }).toList();
            return new PreviewView(p.feed(), p.httpStatus(), p.itemsSeen(), jobs, ItemReason.of(p.skipped()),
                    ItemReason.of(p.refused()));
        }
    }

    /** The poll job a "poll now" enqueued ({@code created} false: one was already pending). */
    record Polled(long jobId, boolean created, String feed) {
    }
}
