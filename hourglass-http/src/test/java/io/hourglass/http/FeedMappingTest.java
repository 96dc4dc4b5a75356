package io.hourglass.http;

import static io.hourglass.http.FeedNode.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hourglass.InvalidRequestException;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedPoll;
import io.hourglass.feed.FeedPreview;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Refused items with their reasons, templates, preview, secrets kept out of views and logs, bad definitions. */
class FeedMappingTest {
    @TempDir
    Path directory;

    private AccountService service;
    private Store store;
    private FeedNode node;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        logs.start();
        service = new AccountService();
        store = JdbcStore.embedded(directory);
        node = new FeedNode(store, "feeds-mapping");
        node.hourglass.feeds().define(FeedNode.accounts(service.url()));
    }

    @AfterEach
    void stop() {
        node.close();
        store.close();
        service.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void badItemsAreRefusedWithTheirReasonsAndTheOthersBecomeJobs() {
        Map<String, Object> noId = account(1, "coned", null);
        noId.remove("id");
        service.answer(AccountService.Answer.json(List.of(account(7, "coned", null), account(8, "pge", null), noId,
                "not an account", account(9, "ngrid", null))));

        FeedPoll poll = node.pollOnce("accounts");

        assertThat(poll.itemsSeen()).isEqualTo(5);
        assertThat(poll.jobsCreated()).isEqualTo(2);
        assertThat(poll.refused()).isEqualTo(3);
        assertThat(poll.refusals()).extracting(FeedPoll.Refusal::index).containsExactly(1, 2, 3);
        assertThat(poll.refusals().get(0).reason()).isEqualTo("item /utility 'pge' is not in taskFrom.map [coned, ngrid]");
        assertThat(poll.refusals().get(1).reason()).isEqualTo("dedupKey: item has no field /id");
        assertThat(poll.refusals().get(2).reason()).isEqualTo("item has no /utility");
        assertThat(node.scrapes()).extracting(Job::dedupKey).containsExactly("account:7", "account:9");
        Attempt attempt = node.hourglass.attempts(poll.jobId()).get(0);
        assertThat(attempt.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(attempt.output()).contains("jobs created 2", "refused 3", "item 1: item /utility 'pge'");
    }

    @Test
    void templatesTakeFieldsByPointerAndAWholePlaceholderKeepsTheFieldsType() {
        node.hourglass.feeds().define(new Feed("typed", service.url(), "1h", null, null, null, "/data/accounts",
                "scrape-coned", null, Map.of("id", "${/id}", "label", "acct-${/id} of ${/owner/name}",
                "owner", "${/owner}", "whole", "${/}"), List.of("${/id}", "fixed"), "typed:${/id}", FeedNode.QUEUE,
                7, null, null, null, null));
        Map<String, Object> item = Map.of("id", 42, "owner", Map.of("name", "Ada"));
        service.answer(AccountService.Answer.json(Map.of("data", Map.of("accounts", List.of(item)))));

        node.pollOnce("typed");

        Job job = node.scrapes().get(0);
        assertThat(job.kwargs()).containsEntry("id", 42).containsEntry("label", "acct-42 of Ada")
                .containsEntry("owner", Map.of("name", "Ada")).containsEntry("whole", item);
        assertThat(job.args()).containsExactly(42, "fixed");
        assertThat(job.dedupKey()).isEqualTo("typed:42");
        assertThat(job.priority()).isEqualTo(7);
    }

    @Test
    void otherwiseSkipCountsItemsWithoutRefusingThem() {
        Feed base = FeedNode.accounts(service.url());
        node.hourglass.feeds().define(new Feed("skipping", base.url(), "1h", null, null, base.headers(), null, null,
                new Feed.TaskFrom("/utility", Map.of("coned", "scrape-coned"), "skip"), null, null, base.dedupKey(),
                FeedNode.QUEUE, null, null, null, null, null));
        service.answer(AccountService.Answer.json(List.of(account(1, "coned", null), account(2, "ngrid", null))));

        FeedPoll poll = node.pollOnce("skipping");

        assertThat(poll.jobsCreated()).isEqualTo(1);
        assertThat(poll.skipped()).isEqualTo(1);
        assertThat(poll.refused()).isZero();
    }

    @Test
    void previewAnswersTheJobsAndRefusalsAndCreatesNothing() {
        node.hourglass.enqueue(JobRequest.of("scrape-coned").dedupKey("account:1").queue(FeedNode.QUEUE).build());
        service.answer(AccountService.Answer.json(List.of(account(1, "coned", null), account(2, "ngrid", null),
                account(3, "pge", null))));

        FeedPreview preview = node.hourglass.feeds().preview("accounts");

        assertThat(preview.itemsSeen()).isEqualTo(3);
        assertThat(preview.jobs()).extracting(j -> j.request().task()).containsExactly("scrape-coned", "scrape-ngrid");
        assertThat(preview.jobs().get(0).duplicateOf()).isNotNull();
        assertThat(preview.jobs().get(1).duplicateOf()).isNull();
        assertThat(preview.refused()).singleElement().satisfies(r -> assertThat(r.index()).isEqualTo(2));
        assertThat(node.scrapes()).hasSize(1);
        assertThat(node.pollJobs()).isEmpty();
        assertThat(node.hourglass.feeds().polls("accounts", 10)).isEmpty();
    }

    @Test
    void secretInAHeaderIsSentButNeverShownOrLogged() {
        service.answer(AccountService.Answer.of(500, "nope"), AccountService.Answer.json(List.of()));

        FeedPoll poll = node.pollOnce("accounts");

        assertThat(service.header(0, "Authorization")).isEqualTo("Bearer " + FeedNode.SECRET);
        assertThat(node.hourglass.feeds().feed("accounts").orElseThrow().headers())
                .containsEntry("Authorization", "Bearer ${secret:ACCOUNTS_TOKEN}");
        StringBuilder shown = new StringBuilder(node.hourglass.feeds().feed("accounts").orElseThrow().toString());
        node.hourglass.attempts(poll.jobId()).forEach(a -> shown.append(a.error()).append(a.output()));
        node.hourglass.feeds().polls("accounts", 10).forEach(p -> shown.append(p.summary()));
        logs.list.forEach(e -> shown.append(e.getFormattedMessage()));
        assertThat(shown.toString()).doesNotContain(FeedNode.SECRET);
    }

    @Test
    void secretTheNodeLacksIsAnInfraErrorNamingHeaderAndSecret() {
        Feed base = FeedNode.accounts(service.url());
        node.hourglass.feeds().define(new Feed("unknown-secret", base.url(), "1h", null, null,
                Map.of("X-Api-Key", "${secret:NOT_HERE}"), null, "scrape-coned", null, null, null, null, null, null,
                null, null, null, null));

        long job = node.hourglass.feeds().poll("unknown-secret").jobId();

        org.awaitility.Awaitility.await().until(() -> !node.hourglass.attempts(job).isEmpty());
        assertThat(node.hourglass.attempts(job).get(0).error())
                .contains("headers.X-Api-Key: refers to secret 'NOT_HERE', which this node does not have");
    }

    @Test
    void definitionNamingATaskNothingRunsIsRefusedNamingTheField() {
        Feed base = FeedNode.accounts(service.url());

        assertThatThrownBy(() -> node.hourglass.feeds().define(new Feed("typo", base.url(), "1h", null, null, null,
                null, null, new Feed.TaskFrom("/utility", Map.of("coned", "scrape-conde"), null), null, null, null,
                null, null, null, null, null, null)))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("taskFrom.map.coned"))
                .hasMessageContaining("scrape-conde");
        assertThat(node.hourglass.feeds().feed("typo")).isEmpty();
        assertThat(node.hourglass.schedule("feed:typo")).isEmpty();
    }
}
