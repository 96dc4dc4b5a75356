package io.hourglass.engine;

import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.NotFoundException;
import io.hourglass.UnknownTaskException;
import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedDocument;
import io.hourglass.feed.FeedPoll;
import io.hourglass.feed.FeedPreview;
import io.hourglass.feed.FeedReader;
import io.hourglass.feed.Feeds;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.schedule.MisfirePolicy;
import io.hourglass.schedule.Schedule;
import io.hourglass.store.FeedStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Feeds as the client sees them. A feed is its stored definition plus a schedule it owns
 * ({@link Feed#scheduleName()}, task {@link Feed#POLL_TASK}, kwargs {@code {"feed": name}}, {@code skipIfPending}
 * so a slow or retrying poll is never stacked, misfire {@code run_once} so a node that was down polls once when it
 * is back): the planner fires it like any schedule, once per fire time in a cluster, and the poll runs as a job.
 * Defining checks every task the feed may create (naming its field) and that something runs polls, then saves the
 * feed and creates or replaces its schedule.
 */
final class FeedEditor implements Feeds {
    private static final int MAX_POLLS = 100;

    private final FeedReader reader;
    private final FeedPoller poller;
    private final KnownTasks known;
    private final HourglassClient client;
    private final Clock clock;
    private final EngineConfig config;

    FeedEditor(EngineConfig config, FeedPoller poller, KnownTasks known, HourglassClient client) {
        this.config = config;
        this.reader = config.feedReader();
        this.poller = poller;
        this.known = known;
        this.client = client;
        this.clock = config.clock();
    }

    /** The store's feed part, asked for at each call: a node that never touches feeds never asks. */
    private FeedStore store() {
        return config.store().feeds();
    }

    @Override
    public Feed define(Feed feed) {
        InvalidRequestException.require(feed != null, "feed", "must not be null");
        for (String task : feed.tasks()) {
            try {
                known.require(List.of(task));
            } catch (UnknownTaskException e) {
                throw new InvalidRequestException(feed.fieldOfTask(task), e.rule());
            }
        }
        try {
            known.require(List.of(Feed.POLL_TASK));
        } catch (UnknownTaskException e) {
            throw new InvalidRequestException("url", "no node of this cluster polls feeds (none was built with a"
                    + " feed reader): " + e.getMessage());
        }
        Feed saved = store().save(feed.saved(null, clock.instant()));
        Schedule schedule = schedule(saved);
        if (client.schedule(schedule.name()).isPresent()) {
            client.updateSchedule(schedule);
        } else {
            client.createSchedule(schedule);
        }
        return saved;
    }

    private static Schedule schedule(Feed feed) {
        Schedule.Builder builder = Schedule.builder(feed.scheduleName()).task(Feed.POLL_TASK)
                .kwargs(Map.of("feed", feed.name())).skipIfPending(true).misfirePolicy(MisfirePolicy.RUN_ONCE);
        return (feed.every() != null ? builder.every(feed.interval()) : builder.cron(feed.cron(), feed.zoneId()))
                .build();
    }

    @Override
    public Optional<Feed> feed(String name) {
        return store().find(name);
    }

    @Override
    public List<Feed> feeds() {
        return store().findAll();
    }

    @Override
    public boolean delete(String name) {
        InvalidRequestException.require(name != null && !name.isBlank(), "name", "feed name must not be blank");
        client.deleteSchedule(Feed.SCHEDULE_PREFIX + name);
        return store().delete(name);
    }

    @Override
    public EnqueueResult poll(String name) {
        Feed feed = store().find(name).orElseThrow(() -> new NotFoundException("feed", name));
        return client.triggerSchedule(feed.scheduleName());
    }

    @Override
    public FeedPreview preview(String name) {
        return preview(store().find(name).orElseThrow(() -> new NotFoundException("feed", name)));
    }

    @Override
    public FeedPreview preview(Feed feed) {
        InvalidRequestException.require(reader != null, "feed", "this node reads no feeds (built without a feed"
                + " reader)");
        FeedDocument document = reader.read(feed, FeedDocument.Validators.NONE, config.secrets(), feed.pollTimeout());
        FeedPoller.Sorted sorted = poller.sort(document.items());
        List<FeedPreview.PreviewJob> jobs = new ArrayList<>();
        for (int i = 0; i < sorted.requests.size(); i++) {
            JobRequest request = sorted.requests.get(i);
            jobs.add(new FeedPreview.PreviewJob(sorted.indexes.get(i), request, holder(request.dedupKey())));
        }
        return new FeedPreview(feed.name(), document.httpStatus(), document.items().size(), jobs, sorted.skips,
                sorted.refusals);
    }

    /** The unfinished job holding a dedup key, as a poll's enqueue would find it. */
    private Long holder(String dedupKey) {
        if (dedupKey == null) {
            return null;
        }
        List<Job> holders = client.jobs(JobQuery.all().withDedupKey(dedupKey)
                .withStates(EnumSet.of(JobState.SCHEDULED, JobState.RUNNING)).withLimit(1)).items();
        return holders.isEmpty() ? null : holders.get(0).id();
    }

    @Override
    public List<FeedPoll> polls(String name, int limit) {
        InvalidRequestException.require(limit >= 1 && limit <= MAX_POLLS, "limit",
                "must be between 1 and " + MAX_POLLS + ", was " + limit);
        store().find(name).orElseThrow(() -> new NotFoundException("feed", name));
        return store().polls(name, limit);
    }
}
