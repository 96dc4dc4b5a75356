package io.hourglass.server.console.queues;

import io.hourglass.HourglassClient;
import io.hourglass.queue.QueueConfig;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.ConsoleRefusal;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import io.hourglass.InvalidRequestException;

/**
 * The console's queues: each with its depth, running count, limits and paused flag, and pause / resume for a
 * write role; its concurrency limit, edited by an admin (blank for no limit) through
 * {@code HourglassClient.configureQueue}, whose rule and message are the API's, shown next to the field. As in the
 * API, only a queue that exists (has jobs or settings) can be paused or limited, so a typo cannot create a queue
 * nobody uses.
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
        routes.post(base + "/queues/{name}/limit", Access.CONSOLE_ADMIN, p::limit)
                .summary("Console: set a queue's concurrency limit").undocumented();
    }

    /** A refused limit: which queue's field, what was typed and the rule it broke. */
    public record LimitError(String queue, String typed, String message) {
    }

    private void list(Context ctx) {
        String notice = ctx.queryParam("notice");
        render(ctx, 200, notice == null || notice.isBlank() ? "" : notice, null);
    }

    private void render(Context ctx, int status, String notice, LimitError error) {
        pages.render(ctx, status, "queues.jte", Pages.params("chrome", pages.chrome(ctx, "Queues", "queues"),
                "queues", QueueRow.of(client.queues(), client.jobCountsByQueue(QueueRow.COUNTED)), "notice", notice,
                "limitError", error));
    }

    private void limit(Context ctx) {
        QueueConfig queue = find(ctx.pathParam("name"));
        String typed = ctx.formParam("concurrency") == null ? "" : ctx.formParam("concurrency").trim();
        Integer concurrency;
        try {
            concurrency = typed.isEmpty() ? null : Integer.valueOf(typed);
            client.configureQueue(queue.withConcurrency(concurrency));
        } catch (NumberFormatException e) {
            render(ctx, 400, "", new LimitError(queue.name(), typed, "queue '" + queue.name() + "': concurrency"
                    + " must be a whole number >= 1 (blank for no limit), was '" + typed + "'"));
            return;
        } catch (InvalidRequestException e) {
            render(ctx, 400, "", new LimitError(queue.name(), typed, e.getMessage()));
            return;
        }
        pages.redirect(ctx, "/queues", concurrency == null ? "Queue " + queue.name() + " has no concurrency limit"
                + " now." : "Queue " + queue.name() + ": at most " + concurrency + " of its jobs run at once now,"
                + " across the cluster.");
    }

    private QueueConfig find(String name) {
        return client.queues().stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConsoleRefusal(404, "no queue '" + name + "' (it has neither jobs nor"
                        + " settings)"));
    }

    private void pause(Context ctx, boolean pause) {
        String name = ctx.pathParam("name");
        QueueConfig queue = find(name);
        if (pause) {
            client.pauseQueue(queue.name());
        } else {
            client.resumeQueue(queue.name());
        }
        pages.redirect(ctx, "/queues", pause ? "Paused queue " + name + ": none of its jobs start until it is"
                + " resumed." : "Resumed queue " + name + ".");
    }
}
