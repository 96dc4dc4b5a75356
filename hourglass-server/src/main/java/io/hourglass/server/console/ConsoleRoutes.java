package io.hourglass.server.console;

import io.hourglass.HourglassClient;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.AccessControl;
import io.hourglass.server.auth.ConsoleRefusal;
import io.hourglass.server.console.feeds.FeedPages;
import io.hourglass.server.console.jobs.JobPages;
import io.hourglass.server.console.overdue.OverduePage;
import io.hourglass.server.console.live.LiveHub;
import io.hourglass.server.console.live.LiveRoutes;
import io.hourglass.server.console.nodes.NodesPage;
import io.hourglass.server.console.overview.OverviewModel;
import io.hourglass.server.console.overview.OverviewPage;
import io.hourglass.server.console.queues.QueuePages;
import io.hourglass.server.console.schedules.SchedulePages;
import io.hourglass.server.console.session.LoginPages;
import io.hourglass.server.console.tasks.TaskPages;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.hourglass.server.metrics.StartLatency;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operators' console under its configured path: server-rendered pages that read and act only through
 * {@link HourglassClient}, declared on the {@link Routes} registry like every route (left out of the OpenAPI
 * document: they answer HTML). Every page works without JavaScript; htmx, served from its webjar, only boosts
 * links and forms, and with its SSE extension keeps the overview, the jobs list and a job's page live
 * ({@link LiveRoutes}); uPlot draws the overview's chart. A browser that asks for HTML at {@code /} is sent here; other clients of {@code /} get the
 * container-jobs API's answer as before.
 */
public final class ConsoleRoutes {
    /** The htmx build served at {@code <console>/assets/htmx.min.js}, from the org.webjars.npm:htmx.org jar. */
    static final String HTMX = "/META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js";
    /** htmx's server-sent events extension, from org.webjars.npm:htmx-ext-sse. */
    static final String HTMX_SSE = "/META-INF/resources/webjars/htmx-ext-sse/2.2.2/sse.js";
    /** The overview chart's library, from org.webjars.npm:uplot. */
    static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

    private ConsoleRoutes() {
    }

    /**
     * @param base         the console's path in the web application ({@code /console})
     * @param mount        what the browser's URLs of the web application start with (empty on the server)
     * @param startLatency this node's start latency percentiles, for the overview
     * @return the live updates' hub (it stops with the server)
     */
    public static LiveHub register(Routes routes, HourglassClient client, AccessControl access, String base,
                                   String mount, Clock clock, Supplier<StartLatency> startLatency) {
        Pages pages = new Pages(base, mount);
        if (!access.isApplication()) {
            LoginPages.register(routes, access, pages); // the application's own login stands in for it
        }
        OverviewPage overview = new OverviewPage(new OverviewModel.Source(client, clock, startLatency), pages);
        overview.register(routes);
        NodesPage.register(routes, client, pages, clock);
        LiveHub live = LiveRoutes.register(routes, client, access, pages, overview::fragments);
        JobPages.register(routes, client, pages);
        QueuePages.register(routes, client, pages);
        SchedulePages.register(routes, client, pages, clock);
        FeedPages.register(routes, client, pages);
        OverduePage.register(routes, client, pages, clock);
        TaskPages.register(routes, client, pages);
        routes.get(base + "/assets/{file}", Access.PUBLIC, ConsoleRoutes::asset)
                .summary("Console: stylesheet and scripts").undocumented();
        routes.app().exception(ConsoleRefusal.class, (e, ctx) -> refused(e, ctx, pages, access.isApplication()));
        // a console URL that names nothing (typed, or kept from something deleted), asked for by a browser: the
        // console's own page rather than the API's JSON, which is what every other client of the path still gets
        routes.app().error(404, "html", ctx -> {
            boolean rendered = String.valueOf(ctx.res().getContentType()).startsWith("text/html"); // a refusal page
            if (!rendered && (ctx.path().equals(pages.root()) || ctx.path().startsWith(pages.root() + "/"))) {
                pages.render(ctx, 404, "refused.jte", Map.of("chrome", pages.chrome(ctx, "Not found", ""),
                        "status", 404, "message", "No console page at " + ctx.path() + "."));
            }
        });
        routes.app().before("/", ctx -> {
            String accept = ctx.header("Accept");
            if (ctx.method() == HandlerType.GET && accept != null && accept.contains("text/html")) {
                ctx.status(303).header("Location", pages.root());
                ctx.skipRemainingHandlers();
            }
        });
        return live;
    }

    private static void refused(ConsoleRefusal e, Context ctx, Pages pages, boolean application) {
        if (e.status() == 401 && !application && !LiveRoutes.EVENT_STREAM.equals(ctx.header("Accept"))) {
            ctx.status(303).header("Location", pages.root() + "/login");
            return;
        }
        pages.render(ctx, e.status(), "refused.jte", Map.of("chrome", pages.chrome(ctx, "Refused", ""),
                "status", e.status(), "message", e.getMessage()));
    }

    private static void asset(Context ctx) {
        String file = ctx.pathParam("file");
        String resource = switch (file) {
            case "htmx.min.js" -> HTMX;
            case "console.css" -> "/console/console.css";
            case "live.js" -> "/console/live.js";
            case "htmx-ext-sse.js" -> HTMX_SSE;
            case "uPlot.iife.min.js", "uPlot.min.css" -> UPLOT + file;
            default -> null;
        };
        InputStream in = resource == null ? null : ConsoleRoutes.class.getResourceAsStream(resource);
        if (in == null) {
            throw new ConsoleRefusal(404, "no console asset '" + file + "'");
        }
        ctx.header("Cache-Control", "public, max-age=3600")
                .contentType(file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
                .result(in);
    }
}
