package io.hourglass.http;

import static io.hourglass.http.FeedNode.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.feed.FeedPoll;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seven scenarios of {@code examples/utility-accounts} as a feed: a real account service over HTTP, a real node
 * on H2 polling it, each scenario checking the jobs' task, kwargs, dedup key and queue.
 */
class FeedAccountsTest {
    @TempDir
    Path directory;

    private AccountService service;
    private Store store;
    private FeedNode node;

    @BeforeEach
    void start() throws Exception {
        service = new AccountService();
        store = JdbcStore.embedded(directory);
        node = new FeedNode(store, "feeds-accounts");
        node.hourglass.feeds().define(FeedNode.accounts(service.url()));
    }

    @AfterEach
    void stop() {
        node.close();
        store.close();
        service.close();
    }

    @Test
    void emptyListSchedulesNothing() {
        service.answer(AccountService.Answer.json(List.of()));

        FeedPoll poll = node.pollOnce("accounts");

        assertThat(poll.status()).isEqualTo(FeedPoll.Status.POLLED);
        assertThat(poll.itemsSeen()).isZero();
        assertThat(node.scrapes()).isEmpty();
    }

    @Test
    void newConEdisonAccountGetsOneConEdisonScrape() {
        Map<String, Object> account = account(1, "coned", null);
        service.answer(AccountService.Answer.json(List.of(account)));

        node.pollOnce("accounts");

        assertThat(node.scrapes()).singleElement().satisfies(job -> assertScrape(job, "scrape-coned", account));
    }

    @Test
    void newNationalGridAccountGetsOneNationalGridScrape() {
        Map<String, Object> account = account(2, "ngrid", null);
        service.answer(AccountService.Answer.json(List.of(account)));

        node.pollOnce("accounts");

        assertThat(node.scrapes()).singleElement().satisfies(job -> assertScrape(job, "scrape-ngrid", account));
    }

    @Test
    void previouslyScrapedConEdisonAccountGetsANewScrape() {
        previouslyScrapedAccountGetsANewScrape(3, "coned");
    }

    @Test
    void previouslyScrapedNationalGridAccountGetsANewScrape() {
        previouslyScrapedAccountGetsANewScrape(4, "ngrid");
    }

    private void previouslyScrapedAccountGetsANewScrape(int id, String utility) {
        Map<String, Object> account = account(id, utility, "2026-11-20T08:15:00Z");
        long previous = node.hourglass.enqueue(JobRequest.of("scrape-" + utility).kwargs(account)
                .dedupKey("account:" + id).queue("done").build()).jobId();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> node.hourglass.job(previous).orElseThrow().state() == JobState.SUCCEEDED);
        service.answer(AccountService.Answer.json(List.of(account)));

        FeedPoll poll = node.pollOnce("accounts");

        assertThat(poll.jobsCreated()).isEqualTo(1);
        assertThat(node.scrapes()).hasSize(2);
        assertScrape(node.scrapes().get(1), "scrape-" + utility, account);
    }

    @Test
    void accountWithAPendingScrapeGetsNoSecondOneOnAnyPoll() {
        Map<String, Object> account = account(5, "coned", null);
        EnqueueResult existing = node.hourglass.enqueue(JobRequest.of("scrape-coned").kwargs(account)
                .dedupKey("account:5").queue(FeedNode.QUEUE).build());
        service.answer(AccountService.Answer.json(List.of(account)));

        FeedPoll first = node.pollOnce("accounts");
        FeedPoll second = node.pollOnce("accounts");

        assertThat(first.duplicates()).isEqualTo(1);
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(second.jobsCreated()).isZero();
        assertThat(node.scrapes()).singleElement().satisfies(job -> {
            assertThat(job.id()).isEqualTo(existing.jobId());
            assertScrape(job, "scrape-coned", account);
        });
    }

    @Test
    void fiveAccountsGetFiveScrapes() {
        List<Map<String, Object>> accounts = List.of(account(10, "coned", null), account(11, "ngrid", null),
                account(12, "coned", "2026-11-20T08:15:00Z"), account(13, "ngrid", "2026-11-20T08:15:00Z"),
                account(14, "ngrid", null));
        service.answer(AccountService.Answer.json(accounts));

        FeedPoll poll = node.pollOnce("accounts");

        assertThat(poll.itemsSeen()).isEqualTo(5);
        assertThat(poll.jobsCreated()).isEqualTo(5);
        List<Job> jobs = node.scrapes();
        assertThat(jobs).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertScrape(jobs.get(i), "scrape-" + accounts.get(i).get("utility"), accounts.get(i));
        }
    }

    static void assertScrape(Job job, String task, Map<String, Object> account) {
        assertThat(job.task()).isEqualTo(task);
        assertThat(job.kwargs()).isEqualTo(account);
        assertThat(job.dedupKey()).isEqualTo("account:" + account.get("id"));
        assertThat(job.queue()).isEqualTo(FeedNode.QUEUE);
        assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
    }
}
