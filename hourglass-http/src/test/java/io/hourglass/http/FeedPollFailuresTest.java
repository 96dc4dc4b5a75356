package io.hourglass.http;

import static io.hourglass.http.FeedNode.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedPoll;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.Job;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polls that get no usable document: each is an infra_error attempt of the poll job, recorded as a failed poll, and
 * retried with backoff (no sooner than the server's Retry-After); and the conditional GET that gets a 304.
 */
class FeedPollFailuresTest {
    @TempDir
    Path directory;

    private AccountService service;
    private Store store;
    private FeedNode node;

    @BeforeEach
    void start() throws Exception {
        service = new AccountService();
        store = JdbcStore.embedded(directory);
        node = new FeedNode(store, "feeds-failures");
        node.hourglass.feeds().define(FeedNode.accounts(service.url()));
    }

    @AfterEach
    void stop() {
        node.close();
        store.close();
        service.close();
    }

    @Test
    void serverErrorIsAnInfraErrorAndTheRetryPolls() {
        service.answer(AccountService.Answer.of(500, "{\"error\": \"database down\"}"),
                AccountService.Answer.json(List.of(account(1, "coned", null))));

        long job = node.pollOnce("accounts").jobId();

        List<Attempt> attempts = node.hourglass.attempts(job);
        assertThat(attempts).extracting(Attempt::outcome).containsExactly(Outcome.INFRA_ERROR, Outcome.SUCCEEDED);
        assertThat(attempts.get(0).error()).contains("HTTP 500 from " + service.url());
        List<FeedPoll> polls = node.hourglass.feeds().polls("accounts", 10);
        assertThat(polls).extracting(FeedPoll::status).containsExactly(FeedPoll.Status.POLLED, FeedPoll.Status.FAILED);
        assertThat(polls.get(1).httpStatus()).isEqualTo(500);
        assertThat(node.scrapes()).hasSize(1);
    }

    @Test
    void timeoutIsAnInfraError() {
        assertFirstPollTimesOut(AccountService.Answer.hanging());
    }

    @Test
    void bodyThatStallsAfterTheHeadersTimesOutAtThePollTimeout() {
        assertFirstPollTimesOut(AccountService.Answer.stallingBody());
    }

    private void assertFirstPollTimesOut(AccountService.Answer stall) {
        service.answer(stall, AccountService.Answer.json(List.of()));

        long job = node.pollOnce("accounts").jobId();

        Attempt first = node.hourglass.attempts(job).get(0);
        assertThat(first.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(first.error()).contains("no complete response from " + service.url() + " within PT2S");
    }

    @Test
    void unparsableBodyIsAnInfraError() {
        service.answer(AccountService.Answer.of(200, "[{\"id\": 1,"), AccountService.Answer.of(200, "{\"no\": 1}"),
                AccountService.Answer.json(List.of()));

        long job = node.pollOnce("accounts").jobId();

        List<Attempt> attempts = node.hourglass.attempts(job);
        assertThat(attempts).extracting(Attempt::outcome)
                .containsExactly(Outcome.INFRA_ERROR, Outcome.INFRA_ERROR, Outcome.SUCCEEDED);
        assertThat(attempts.get(0).error()).contains("is not JSON");
        assertThat(attempts.get(1).error()).contains("has no array at items '' (found object)");
    }

    @Test
    void retryWaitsAtLeastWhatRetryAfterAsks() {
        service.answer(AccountService.Answer.of(503, "busy", "Retry-After", "3"));
        long job = node.hourglass.feeds().poll("accounts").jobId();

        await().atMost(Duration.ofSeconds(30)).until(() -> !node.hourglass.attempts(job).isEmpty());

        Attempt first = node.hourglass.attempts(job).get(0);
        Job waiting = node.hourglass.job(job).orElseThrow();
        assertThat(first.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(first.error()).contains("HTTP 503").contains("Retry-After 3s");
        assertThat(waiting.dueAt()).isAfterOrEqualTo(first.finishedAt().plusSeconds(3));
    }

    @Test
    void unchangedDocumentIsNotMappedAgain() {
        service.answer(AccountService.Answer.json(List.of(account(1, "coned", null)), "ETag", "\"v1\"",
                        "Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT"),
                AccountService.Answer.of(304, ""));

        FeedPoll first = node.pollOnce("accounts");
        FeedPoll second = node.pollOnce("accounts");

        assertThat(first.jobsCreated()).isEqualTo(1);
        assertThat(second.status()).isEqualTo(FeedPoll.Status.NOT_MODIFIED);
        assertThat(second.itemsSeen()).isZero();
        assertThat(service.header(0, "If-None-Match")).isNull();
        assertThat(service.header(1, "If-None-Match")).isEqualTo("\"v1\"");
        assertThat(service.header(1, "If-Modified-Since")).isEqualTo("Tue, 01 Dec 2026 10:00:00 GMT");
        assertThat(node.hourglass.attempts(second.jobId())).singleElement()
                .satisfies(a -> assertThat(a.output()).contains("not_modified (HTTP 304)"));
    }

    @Test
    void redefiningAFeedForgetsItsValidatorsSoTheNewMappingApplies() {
        service.answer(AccountService.Answer.json(List.of(account(1, "coned", null)), "ETag", "\"v1\""));
        node.pollOnce("accounts");
        Feed feed = FeedNode.accounts(service.url());
        node.hourglass.feeds().define(new Feed(feed.name(), feed.url(), "1h", null, null, feed.headers(), null, null,
                feed.taskFrom(), null, null, "account:v2:${/id}", FeedNode.QUEUE, null, null, null, null, null));

        FeedPoll poll = node.pollOnce("accounts");

        assertThat(service.header(1, "If-None-Match")).isNull();
        assertThat(poll.jobsCreated()).isEqualTo(1);
        assertThat(node.scrapes()).extracting(Job::dedupKey).containsExactly("account:1", "account:v2:1");
    }

    @Test
    void bodyOverTheSizeLimitIsAnInfraError() {
        Feed feed = FeedNode.accounts(service.url());
        node.hourglass.feeds().define(new Feed(feed.name(), feed.url(), "1h", null, null, feed.headers(), null, null,
                feed.taskFrom(), null, null, feed.dedupKey(), FeedNode.QUEUE, null, null, 64L, null, null));
        service.answer(AccountService.Answer.json(List.of(account(1, "coned", null), account(2, "ngrid", null))),
                AccountService.Answer.json(List.of()));

        long job = node.pollOnce("accounts").jobId();

        assertThat(node.hourglass.attempts(job).get(0).error())
                .contains("response body is larger than maxResponseBytes (64 bytes)");
        assertThat(node.hourglass.job(job).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }
}
