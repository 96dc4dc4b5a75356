package io.hourglass.server.api.feeds;

import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.NotFoundException;
import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedPoll;
import io.hourglass.feed.FeedPreview;
import io.hourglass.feed.FeedReader;
import io.hourglass.job.EnqueueResult;
import io.hourglass.server.ServerServices;
import io.hourglass.server.auth.Access;
import io.hourglass.server.http.ApiException;
import io.hourglass.server.http.Items;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.server.http.QueryParam;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Feeds under {@code /api/v1/feeds}: define or replace ({@code PUT}), list, show, delete, poll now, preview, and
 * the latest polls of one. Two kinds of bad definition, two statuses, as for tasks: a body that is not a
 * well-formed feed (a bad URL, pointer, template, duration) is a 400 naming the field; a well-formed feed naming a
 * task nothing in the cluster runs is a 422 naming where ({@code task}, {@code taskFrom.map.coned}). A preview
 * fetches the URL from this node (so it needs WRITE, like a definition); a fetch that gets no usable document is a
 * 502 with the reason.
 */
public final class FeedRoutes {
    public static final int MAX_POLLS = 100;
    static final QueryParam LIMIT = QueryParam.integer("limit", "How many polls, newest first, 1 to " + MAX_POLLS
            + " (default 20)");

    private final HourglassClient client;
    private final JsonBodies bodies;

    private FeedRoutes(ServerServices services) {
        this.client = services.client();
        this.bodies = services.bodies();
    }

    public static void register(Routes routes, ServerServices services) {
        FeedRoutes r = new FeedRoutes(services);
        routes.get("/api/v1/feeds", Access.READ, ctx -> ctx.json(new Items<>(
                        r.client.feeds().feeds().stream().map(r::view).toList())))
                .summary("Lists feeds with their next poll and their latest poll's counts")
                .response(Items.class, FeedViews.FeedView.class);
        routes.get("/api/v1/feeds/{name}", Access.READ, ctx -> ctx.json(r.view(r.find(ctx))))
                .summary("One feed (header values holding a literal credential are masked)")
                .response(FeedViews.FeedView.class);
        routes.put("/api/v1/feeds/{name}", Access.WRITE, r::define).body(FeedBody.class)
                .summary("Defines or replaces a feed and its schedule; 201 created, 200 replaced; 400 malformed"
                        + " definition, 422 a task nothing runs (field task or taskFrom.map.<value>)")
                .response(201, FeedViews.FeedView.class).response(200, FeedViews.FeedView.class);
        routes.delete("/api/v1/feeds/{name}", Access.WRITE, ctx -> {
            if (!r.client.feeds().delete(ctx.pathParam("name"))) {
                throw new NotFoundException("feed", ctx.pathParam("name"));
            }
            ctx.status(204);
        }).summary("Deletes a feed, its schedule and its poll records (jobs it created stay)").response(204, null);
        routes.post("/api/v1/feeds/{name}/poll", Access.WRITE, ctx -> {
            EnqueueResult result = r.client.feeds().poll(ctx.pathParam("name"));
            ctx.status(202).json(new FeedViews.Polled(result.jobId(), result.created(), ctx.pathParam("name")));
        }).summary("Polls now: enqueues a poll job due now (its attempts are the poll's history)")
                .response(202, FeedViews.Polled.class);
        routes.post("/api/v1/feeds/{name}/preview", Access.WRITE, r::preview)
                .summary("Fetches and maps the feed once from this node, creating nothing: the jobs a poll would"
                        + " create (with the pending job holding a dedup key) and the items it would skip or refuse;"
                        + " 502 when no usable document came")
                .response(FeedViews.PreviewView.class);
        routes.get("/api/v1/feeds/{name}/polls", Access.READ, ctx -> {
            List<FeedPoll> polls = r.client.feeds().polls(ctx.pathParam("name"), LIMIT.integer(ctx, 1, MAX_POLLS, 20));
            ctx.json(new Items<>(polls.stream().map(FeedViews.PollView::of).toList()));
        }).query(LIMIT).summary("The latest polls of a feed, newest first, with counts, refusals and errors")
                .response(Items.class, FeedViews.PollView.class);
    }

    private Feed find(Context ctx) {
        String name = ctx.pathParam("name");
        return client.feeds().feed(name).orElseThrow(() -> new NotFoundException("feed", name));
    }

    private FeedViews.FeedView view(Feed feed) {
        List<FeedPoll> last = client.feeds().polls(feed.name(), 1);
        return FeedViews.FeedView.of(feed, client.schedule(feed.scheduleName()).orElse(null),
                last.isEmpty() ? null : last.get(0));
    }

    private void define(Context ctx) {
        Feed feed = bodies.read(ctx, FeedBody.class).toFeed(ctx.pathParam("name"));
        boolean existed = client.feeds().feed(feed.name()).isPresent();
        Feed saved;
        try {
            saved = client.feeds().define(feed);
        } catch (InvalidRequestException e) {
            // the definition was well-formed (checked above): what is left is the cluster not running a task
            throw new ApiException(422, "unprocessable", e.field(), e.getMessage(), Map.of());
        }
        ctx.status(existed ? 200 : 201).json(view(saved));
    }

    private void preview(Context ctx) {
        Feed feed = find(ctx);
        FeedPreview preview;
        try {
            preview = client.feeds().preview(feed);
        } catch (FeedReader.FeedUnavailableException e) {
            throw new ApiException(502, "feed_unavailable", "url", e.getMessage(), Map.of());
        }
        ctx.json(FeedViews.PreviewView.of(preview));
    }
}
