package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedDocument;
import io.hourglass.feed.FeedPoll;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Feeds: definitions round trip, validators are kept per feed and forgotten on save, polls are kept and trimmed. */
abstract class FeedContract extends ScheduleChangeContract {

    static Feed accounts(String name) {
        return new Feed(name, "https://accounts.example.com/account/", "5m", null, null,
                Map.of("Authorization", "Bearer ${secret:ACCOUNTS_TOKEN}"), "/accounts", null,
                new Feed.TaskFrom("/utility", Map.of("coned", "scrape-coned", "ngrid", "scrape-ngrid"), "skip"),
                Map.of("account", "${/}", "id", "${/id}"), List.of("${/id}", 7), "account:${/id}", "scrape", 3,
                "20s", 2048L, null, T0);
    }

    static FeedPoll poll(String feed, int created) {
        return new FeedPoll(0, feed, 42L, 1, FeedPoll.Status.POLLED, 200, 5, created, 1, 1, 1,
                List.of(new FeedPoll.Refusal(4, "item has no /id")), null, T0, T0.plusMillis(250));
    }

    @Test
    void savedFeedReadsBackWithEveryField() {
        Feed saved = store.feeds().save(accounts("accounts"));

        Feed read = store.feeds().find("accounts").orElseThrow();
        assertThat(read).isEqualTo(saved);
        assertThat(read.taskFrom().map()).containsEntry("ngrid", "scrape-ngrid");
        assertThat(read.args()).containsExactly("${/id}", 7);
        assertThat(read.maxResponseBytes()).isEqualTo(2048L);
        assertThat(read.createdAt()).isEqualTo(T0);
        assertThat(store.feeds().findAll()).containsExactly(read);
    }

    @Test
    void replacingAFeedKeepsItsFirstSaveTimeAndForgetsItsValidators() {
        store.feeds().save(accounts("accounts"));
        store.feeds().recordPoll(poll("accounts", 3), new FeedDocument.Validators("\"v1\"", "Tue, 01 Dec 2026"));
        assertThat(store.feeds().validators("accounts")).isEqualTo(new FeedDocument.Validators("\"v1\"",
                "Tue, 01 Dec 2026"));

        Feed replaced = store.feeds().save(accounts("accounts").saved(null, T0.plusSeconds(60)));

        assertThat(replaced.createdAt()).isEqualTo(T0);
        assertThat(replaced.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(store.feeds().validators("accounts")).isEqualTo(FeedDocument.Validators.NONE);
    }

    @Test
    void pollsReadBackNewestFirstWithTheirRefusals() {
        store.feeds().save(accounts("accounts"));
        store.feeds().recordPoll(poll("accounts", 1), null);
        store.feeds().recordPoll(poll("accounts", 2), null);

        List<FeedPoll> polls = store.feeds().polls("accounts", 10);

        assertThat(polls).extracting(FeedPoll::jobsCreated).containsExactly(2, 1);
        assertThat(polls.get(0).refusals()).containsExactly(new FeedPoll.Refusal(4, "item has no /id"));
        assertThat(polls.get(0).duration()).hasMillis(250);
        assertThat(polls.get(0).id()).isGreaterThan(polls.get(1).id());
    }

    @Test
    void onlyTheLatestPollsOfEachFeedAreKept() {
        store.feeds().save(accounts("accounts"));
        store.feeds().save(accounts("other"));
        store.feeds().recordPoll(poll("other", 0), null);
        IntStream.range(0, FeedPoll.KEPT_PER_FEED + 5).forEach(i -> store.feeds().recordPoll(poll("accounts", i), null));

        List<FeedPoll> kept = store.feeds().polls("accounts", FeedPoll.KEPT_PER_FEED + 10);

        assertThat(kept).hasSize(FeedPoll.KEPT_PER_FEED);
        assertThat(kept.get(0).jobsCreated()).isEqualTo(FeedPoll.KEPT_PER_FEED + 4);
        assertThat(store.feeds().polls("other", 10)).hasSize(1);
    }

    @Test
    void deletingAFeedDeletesItsPollsAndAPollOfADeletedFeedRecordsNothing() {
        store.feeds().save(accounts("accounts"));
        store.feeds().recordPoll(poll("accounts", 1), null);

        assertThat(store.feeds().delete("accounts")).isTrue();
        store.feeds().recordPoll(poll("accounts", 2), new FeedDocument.Validators("\"v2\"", null));

        assertThat(store.feeds().delete("accounts")).isFalse();
        assertThat(store.feeds().find("accounts")).isEmpty();
        assertThat(store.feeds().polls("accounts", 10)).isEmpty();
        assertThat(new ArrayList<>(store.feeds().findAll())).isEmpty();
    }
}
