package io.hourglass.http;

import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.executor.Secrets;
import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedPoll;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.queue.QueueConfig;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A started node that polls feeds over HTTP for tests: the story-1 scrape tasks registered in code, their feed
 * queue {@code scrape} paused so created jobs stay scheduled to be looked at, and the queue {@code done} running.
 */
final class FeedNode implements AutoCloseable {
    static final String QUEUE = "scrape";
    static final String SECRET = "s3cr3t-token-value";

    final Hourglass hourglass;

    FeedNode(Store store, String name) {
        hourglass = Hourglass.builder().store(store).nodeName(name).workerThreads(4)
                .leaseDuration(Duration.ofSeconds(5)).feedReader(new HttpFeedReader())
                .secrets(Secrets.of(Map.of("ACCOUNTS_TOKEN", SECRET)))
                .tasks(Task.of("scrape-coned", job -> { }), Task.of("scrape-ngrid", job -> { }))
                .build();
        hourglass.configureQueue(QueueConfig.unlimited(QUEUE).withPaused(true));
        hourglass.start();
    }

    /** The story-1 feed of the account service: the task by utility, the account as kwargs, one job per account. */
    static Feed accounts(String url) {
        return new Feed("accounts", url, "1h", null, null, Map.of("Authorization", "Bearer ${secret:ACCOUNTS_TOKEN}"),
                null, null, new Feed.TaskFrom("/utility", Map.of("coned", "scrape-coned", "ngrid", "scrape-ngrid"),
                null), null, null, "account:${/id}", QUEUE, null, "2s", null, null, null);
    }

    static Map<String, Object> account(Object id, String utility, String lastScrapedAt) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", id);
        account.put("utility", utility);
        account.put("username", "user" + id + "@example.com");
        account.put("last_scraped_at", lastScrapedAt);
        return account;
    }

    /** Polls now and waits for the poll job to end; returns the poll it recorded last. */
    FeedPoll pollOnce(String feed) {
        long job = hourglass.feeds().poll(feed).jobId();
        await().atMost(Duration.ofSeconds(30)).until(() -> hourglass.job(job).orElseThrow().state().isFinished());
        return hourglass.feeds().polls(feed, 1).get(0);
    }

    /** The jobs of the scrape tasks, oldest first. */
    List<Job> scrapes() {
        List<Job> jobs = new ArrayList<>(hourglass.jobs(JobQuery.all().withLimit(JobQuery.MAX_LIMIT)).items());
        jobs.removeIf(job -> job.task().equals(Feed.POLL_TASK));
        jobs.sort(Comparator.comparingLong(Job::id));
        return jobs;
    }

    List<Job> pollJobs() {
        List<Job> jobs = new ArrayList<>(hourglass.jobs(JobQuery.all().withTask(Feed.POLL_TASK)
                .withLimit(JobQuery.MAX_LIMIT)).items());
        jobs.sort(Comparator.comparingLong(Job::id));
        return jobs;
    }

    static boolean pending(Job job) {
        return job.state() == JobState.SCHEDULED;
    }

    @Override
    public void close() {
        hourglass.stop(Duration.ofSeconds(5));
        hourglass.close();
    }
}
