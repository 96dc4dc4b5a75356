package io.hourglass.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A feed definition refuses each bad field naming it, and parses its templates once. */
class FeedTest {
    private static final Feed.TaskFrom BY_UTILITY = new Feed.TaskFrom("/utility",
            Map.of("coned", "scrape-coned"), null);

    private static Feed feed(String url, String every, String cron, Map<String, String> headers, String items,
                             Map<String, Object> kwargs, List<Object> args, String dedupKey, String timeout) {
        return new Feed("accounts", url, every, cron, null, headers, items, null, BY_UTILITY, kwargs, args, dedupKey,
                null, null, timeout, null, null, null);
    }

    private static void refused(Runnable definition, String field) {
        assertThatThrownBy(definition::run).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void aStoryOneFeedHasItsDefaults() {
        Feed feed = feed("https://accounts.example.com/account/", "5m", null, null, null, null, null,
                "account:${/id}", null);

        assertThat(feed.items()).isEmpty();
        assertThat(feed.kwargsTemplate()).isEqualTo("${/}");
        assertThat(feed.pollTimeout()).isEqualTo(Feed.DEFAULT_TIMEOUT);
        assertThat(feed.maxResponseBytes()).isEqualTo(Feed.DEFAULT_MAX_RESPONSE_BYTES);
        assertThat(feed.scheduleName()).isEqualTo("feed:accounts");
        assertThat(feed.tasks()).containsExactly("scrape-coned");
        assertThat(feed.fieldOfTask("scrape-coned")).isEqualTo("taskFrom.map.coned");
        assertThat(BY_UTILITY.taskFor("pge")).isEqualTo(Feed.TaskFrom.ERROR);
    }

    @Test
    void eachBadFieldIsRefusedByName() {
        String url = "https://a.example/x";
        refused(() -> feed("ftp://a.example/x", "5m", null, null, null, null, null, null, null), "url");
        refused(() -> feed(url, null, null, null, null, null, null, null, null), "every");
        refused(() -> feed(url, "5m", "* * * * *", null, null, null, null, null, null), "cron");
        refused(() -> feed(url, null, "61 * * * *", null, null, null, null, null, null), "cron");
        refused(() -> feed(url, "500ms", null, null, null, null, null, null, null), "every");
        refused(() -> feed(url, "5m", null, Map.of("Bad Header", "x"), null, null, null, null, null),
                "headers.Bad Header");
        refused(() -> feed(url, "5m", null, null, "accounts", null, null, null, null), "items");
        refused(() -> feed(url, "5m", null, null, null, Map.of("account", Map.of("id", "${id}")), null, null, null),
                "kwargs.account.id");
        refused(() -> feed(url, "5m", null, null, null, null, List.of("ok", "${/a~2}"), null, null), "args[1]");
        refused(() -> feed(url, "5m", null, null, null, null, null, "k:${secret:X}", null), "dedupKey");
        refused(() -> feed(url, "5m", null, null, null, null, null, "k:${/id", null), "dedupKey");
        refused(() -> feed(url, "5m", null, null, null, null, null, null, "soon"), "timeout");
        refused(() -> new Feed.TaskFrom("/utility", Map.of("coned", "bad name"), null), "taskFrom.map.coned");
        refused(() -> new Feed.TaskFrom("/utility", Map.of(), null), "taskFrom.map");
    }

    @Test
    void aTemplateIsLiteralsAndFieldsAndOnePlaceholderIsOneField() {
        assertThat(FeedTemplates.parse("f", "${/id}")).containsExactly(new FeedTemplates.Field("/id"));
        assertThat(FeedTemplates.parse("f", "${/}")).containsExactly(new FeedTemplates.Field(""));
        assertThat(FeedTemplates.parse("f", "acct-${/id}/${/a~1b}")).containsExactly(
                new FeedTemplates.Literal("acct-"), new FeedTemplates.Field("/id"), new FeedTemplates.Literal("/"),
                new FeedTemplates.Field("/a~1b"));
    }

    @Test
    void literalCredentialsInHeadersAreMaskedAndSecretReferencesShownAsWritten() {
        Feed feed = feed("https://a.example/x", "5m", null, Map.of("Authorization", "Bearer ${secret:TOKEN}",
                "X-Api-Key", "abc", "Accept-Language", "en"), null, null, null, null, null);

        assertThat(feed.maskedHeaders()).containsEntry("Authorization", "Bearer ${secret:TOKEN}")
                .containsEntry("X-Api-Key", "***").containsEntry("Accept-Language", "en");
    }
}
