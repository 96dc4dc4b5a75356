package io.hourglass.server.console.queues;

import io.hourglass.HourglassClient;
import io.hourglass.queue.QueueConfig;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.ConsoleRefusal;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The console's queues: each with its depth, running count, limits and paused flag, and pause / resume for a
 * write role. As in the API, only a queue that exists (has jobs or settings) can be paused, so a typo cannot
 * create a paused queue nobody uses.
 */
public final class QueuePages {
    private final HourglassClient client;
    private final Pages pages;

    private QueuePages(HourglassClient client, Pages pages) {
        this.client = client;
        this.pages = pages;
    }

    public static void register(Routes routes, HourglassClient client, Pages pages) {
        QueuePages p = new QueuePages(client, pages);
        String base = pages.base();
        routes.get(base + "/queues", Access.CONSOLE_READ, p::list).anyQuery().summary("Console: queues")
                .undocumented();
        routes.post(base + "/queues/{name}/pause", Access.CONSOLE_WRITE, ctx -> p.pause(ctx, true))
                .summary("Console: pause a queue").undocumented();
        routes.post(base + "/queues/{name}/resume", Access.CONSOLE_WRITE, ctx -> p.pause(ctx, false))
                .summary("Console: resume a queue").undocumented();
    }

    private void list(Context ctx) {
        String notice = ctx.queryParam("notice");
        pages.render(ctx, "queues.jte", Map.of("chrome", pages.chrome(ctx, "Queues", "queues"),
                "queues", QueueRow.of(client.queues(), client.jobCountsByQueue()),
                "notice", notice == null || notice.isBlank() ? "" : notice));
    }

    private void pause(Context ctx, boolean pause) {
        String name = ctx.pathParam("name");
        QueueConfig queue = client.queues().stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConsoleRefusal(404, "no queue '" + name + "' (it has neither jobs nor"
                        + " settings)"));
        if (pause) {
            client.pauseQueue(queue.name());
        } else {
            client.resumeQueue(queue.name());
        }
        pages.redirect(ctx, "/queues", pause ? "Paused queue " + name + ": none of its jobs start until it is"
                + " resumed." : "Resumed queue " + name + ".");
    }
}
