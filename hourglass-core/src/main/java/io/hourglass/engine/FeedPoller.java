package io.hourglass.engine;

import io.hourglass.HourglassException;
import io.hourglass.UnknownTaskException;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.JobExecutor;
import io.hourglass.executor.Secrets;
import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedDocument;
import io.hourglass.feed.FeedPoll;
import io.hourglass.feed.FeedReader;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.JobRequest;
import io.hourglass.store.FeedStore;
import io.hourglass.store.Store;
import io.hourglass.task.JobContext;
import io.hourglass.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor of the built-in task {@link Feed#POLL_TASK}: one attempt is one poll of the feed its kwargs name.
 * It reads the document through the node's {@link FeedReader} (a conditional GET with the validators the last poll
 * stored), refuses the items whose task nothing runs, enqueues the rest in one store transaction (so the dedup keys
 * decide atomically which items are duplicates of unfinished jobs: a re-run of the same poll after a failover
 * creates nothing twice) and records the poll with its counts.
 *
 * <p>Outcomes: a poll that read the document succeeded, even when items were refused (one bad item never blocks
 * the others; the refusals are in the poll record and the attempt's output). A poll that got no usable document
 * (HTTP error, timeout, unparsable body) is infra_error, retried with the task's backoff, and no sooner than the
 * server's {@code Retry-After}. A feed deleted since the job was enqueued is a failed attempt (nothing to retry).
 */
final class FeedPoller implements JobExecutor {
    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

    private final FeedReader reader;
    /** Asked for its feed part at each poll, not at build: a node's store is only asked for what the node uses. */
    private final Store stores;
    private final Secrets secrets;
    private final Clock clock;
    private final Consumer<String> requireKnown;
    private final Function<List<JobRequest>, List<EnqueueResult>> enqueue;

    /**
     * @param requireKnown throws {@link UnknownTaskException} for a task nothing runs
     * @param enqueue      the engine's bulk enqueue (one store transaction)
     */
    FeedPoller(FeedReader reader, Store stores, Secrets secrets, Clock clock, Consumer<String> requireKnown,
               Function<List<JobRequest>, List<EnqueueResult>> enqueue) {
        this.reader = reader;
        this.stores = stores;
        this.secrets = secrets;
        this.clock = clock;
        this.requireKnown = requireKnown;
        this.enqueue = enqueue;
    }

    /** The tasks in code, plus the built-in poll task when this node reads feeds. */
    static Map<String, Task> withPollTask(Map<String, Task> code, FeedPoller poller) {
        if (poller == null) {
            return code;
        }
        Map<String, Task> all = new java.util.LinkedHashMap<>(code);
        all.put(Feed.POLL_TASK, Task.builder(Feed.POLL_TASK).executor(poller).queue(Feed.POLL_QUEUE).build());
        return all;
    }

    @Override
    public ExecutionResult execute(JobContext job) {
        FeedStore store = stores.feeds();
        Object name = job.kwargs().get("feed");
        Feed feed = name instanceof String text ? store.find(text).orElse(null) : null;
        if (feed == null) {
            return ExecutionResult.failed("feed '" + name + "' does not exist (deleted since this poll was enqueued?)");
        }
        Instant started = clock.instant();
        Duration timeout = job.timeLeft(clock, feed.pollTimeout());
        FeedDocument document;
        try {
            document = reader.read(feed, store.validators(feed.name()), secrets, timeout);
        } catch (FeedReader.FeedUnavailableException e) {
            FeedPoll poll = new FeedPoll(0, feed.name(), job.jobId(), job.attempt(), FeedPoll.Status.FAILED,
                    e.httpStatus(), 0, 0, 0, 0, 0, List.of(), e.getMessage(), started, clock.instant());
            store.recordPoll(poll, null);
            job.appendOutput(poll.summary());
            return ExecutionResult.infraError(e.getMessage(), e.retryAfter());
        }
        FeedPoll poll;
        try {
            poll = document.notModified()
                    ? new FeedPoll(0, feed.name(), job.jobId(), job.attempt(), FeedPoll.Status.NOT_MODIFIED,
                            document.httpStatus(), 0, 0, 0, 0, 0, List.of(), null, started, clock.instant())
                    : enqueued(feed, document, job, started);
        } catch (RuntimeException e) {
            // the enqueue was refused as a whole (a full queue, the store): record it, then fail as the engine does
            FeedPoll failed = new FeedPoll(0, feed.name(), job.jobId(), job.attempt(), FeedPoll.Status.FAILED,
                    document.httpStatus(), document.items().size(), 0, 0, 0, 0, List.of(),
                    "enqueue of the mapped jobs failed: " + e.getMessage(), started, clock.instant());
            job.appendOutput(failed.summary());
            try {
                store.recordPoll(failed, null);
            } catch (RuntimeException recording) {
                e.addSuppressed(recording);
            }
            throw e;
        }
        store.recordPoll(poll, document.validators());
        job.appendOutput(poll.summary());
        log.debug("{}", poll.summary());
        return ExecutionResult.succeeded();
    }

    private FeedPoll enqueued(Feed feed, FeedDocument document, JobContext job, Instant started) {
        Sorted sorted = sort(document.items());
        List<EnqueueResult> results = sorted.requests.isEmpty() ? List.of() : enqueue.apply(sorted.requests);
        int created = (int) results.stream().filter(EnqueueResult::created).count();
        return new FeedPoll(0, feed.name(), job.jobId(), job.attempt(), FeedPoll.Status.POLLED,
                document.httpStatus(), document.items().size(), created, results.size() - created, sorted.skips.size(),
                sorted.refusals.size(), sorted.firstRefusals(), null, started, clock.instant());
    }

    /** The items split into requests to enqueue, skips and refusals (an unknown task refuses its items). */
    Sorted sort(List<FeedDocument.Item> items) {
        Sorted sorted = new Sorted();
        Map<String, String> unknown = new HashMap<>();
        for (FeedDocument.Item item : items) {
            if (item instanceof FeedDocument.Skipped skipped) {
                sorted.skips.add(new FeedPoll.Refusal(skipped.index(), skipped.reason()));
            } else if (item instanceof FeedDocument.Refused refused) {
                sorted.refusals.add(new FeedPoll.Refusal(refused.index(), refused.reason()));
            } else {
                FeedDocument.Mapped mapped = (FeedDocument.Mapped) item;
                String task = mapped.request().task();
                String why = unknown.computeIfAbsent(task, this::whyUnknown);
                if (why.isEmpty()) {
                    sorted.requests.add(mapped.request());
                    sorted.indexes.add(mapped.index());
                } else {
                    sorted.refusals.add(new FeedPoll.Refusal(mapped.index(), why));
                }
            }
        }
        return sorted;
    }

    /** Empty when something runs the task, else why not. */
    private String whyUnknown(String task) {
        try {
            requireKnown.accept(task);
            return "";
        } catch (UnknownTaskException e) {
            return e.getMessage();
        } catch (HourglassException e) {
            return "task '" + task + "' could not be checked: " + e.getMessage();
        }
    }

    /** Items sorted by what becomes of them. */
    static final class Sorted {
        final List<JobRequest> requests = new ArrayList<>();
        final List<Integer> indexes = new ArrayList<>();
        final List<FeedPoll.Refusal> refusals = new ArrayList<>();
        final List<FeedPoll.Refusal> skips = new ArrayList<>();

        List<FeedPoll.Refusal> firstRefusals() {
            return refusals.subList(0, Math.min(refusals.size(), FeedPoll.MAX_REFUSALS));
        }
    }
}
