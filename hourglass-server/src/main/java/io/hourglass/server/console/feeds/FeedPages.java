package io.hourglass.server.console.feeds;

import io.hourglass.HourglassClient;
import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedPreview;
import io.hourglass.feed.FeedReader;
import io.hourglass.job.EnqueueResult;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.ConsoleRefusal;
import io.hourglass.server.console.web.Fmt;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;

/**
 * The console's feeds: the list (timing, task, last poll, next poll), a page per feed (its definition with
 * secret-looking header values masked as the REST API masks them, and its latest polls with counts, refusals and
 * errors), "Poll now" and "Preview" (fetch and map once, creating nothing). Everything goes through
 * {@code HourglassClient.feeds()}, the same calls the REST API and the CLI make.
 */
public final class FeedPages {
    static final int POLLS = 20;

    private final HourglassClient client;
    private final Pages pages;

    private FeedPages(HourglassClient client, Pages pages) {
        this.client = client;
        this.pages = pages;
    }

    public static void register(Routes routes, HourglassClient client, Pages pages) {
        FeedPages p = new FeedPages(client, pages);
        String base = pages.base() + "/feeds";
        routes.get(base, Access.CONSOLE_READ, p::list).anyQuery().summary("Console: feeds").undocumented();
        routes.get(base + "/{name}", Access.CONSOLE_READ, p::show).anyQuery().summary("Console: one feed")
                .undocumented();
        routes.post(base + "/{name}/poll", Access.CONSOLE_WRITE, p::poll).summary("Console: poll a feed now")
                .undocumented();
        routes.post(base + "/{name}/preview", Access.CONSOLE_WRITE, p::preview)
                .summary("Console: preview a feed's poll, creating nothing").undocumented();
    }

    /** For templates: a feed's own page. */
    public static String link(String name) {
        return "/feeds/" + Fmt.url(name);
    }

    private Feed find(Context ctx) {
        String name = ctx.pathParam("name");
        return client.feeds().feed(name).orElseThrow(() -> new ConsoleRefusal(404, "no feed '" + name + "'"));
    }

    private void list(Context ctx) {
        List<FeedRow> rows = client.feeds().feeds().stream().sorted(Comparator.comparing(Feed::name))
                .map(f -> FeedRow.of(client, f)).toList();
        String notice = ctx.queryParam("notice");
        pages.render(ctx, "feeds/list.jte", Pages.params("chrome", pages.chrome(ctx, "Feeds", "feeds"), "rows", rows,
                "notice", notice == null || notice.isBlank() ? null : notice));
    }

    private void show(Context ctx) {
        render(ctx, find(ctx), null, null);
    }

    private void render(Context ctx, Feed feed, FeedPreview preview, String previewError) {
        String notice = ctx.queryParam("notice");
        pages.render(ctx, "feeds/detail.jte", Pages.params("chrome", pages.chrome(ctx, "Feed " + feed.name(),
                "feeds"), "row", FeedRow.of(client, feed), "polls", client.feeds().polls(feed.name(), POLLS),
                "preview", preview, "previewError", previewError,
                "notice", notice == null || notice.isBlank() ? null : notice));
    }

    private void poll(Context ctx) {
        Feed feed = find(ctx);
        EnqueueResult result = client.feeds().poll(feed.name());
        pages.redirect(ctx, link(feed.name()), (result.created() ? "Poll job #" : "A poll is already pending: job #")
                + result.jobId() + (result.created() ? " enqueued, due now." : "."));
    }

    private void preview(Context ctx) {
        Feed feed = find(ctx);
        try {
            render(ctx, feed, client.feeds().preview(feed), null);
        } catch (FeedReader.FeedUnavailableException e) {
            render(ctx, feed, null, e.getMessage());
        }
    }
}
