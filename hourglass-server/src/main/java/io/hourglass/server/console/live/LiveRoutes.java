package io.hourglass.server.console.live;

import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.server.api.jobs.JobQueries;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.AccessControl;
import io.hourglass.server.auth.ConsoleGuard;
import io.hourglass.server.auth.ConsoleRefusal;
import io.hourglass.server.auth.Viewer;
import io.hourglass.server.console.web.Fmt;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.ApiException;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The console's event stream, {@code GET <console>/live}, one per open page, session-authenticated like the pages
 * (read role). What the page shows is in the query: {@code view=overview}; {@code view=job&id=N&seen=MARK} (the
 * state the page shows); {@code view=jobs&after=ID} plus the list's filters, the same parameters as
 * {@code GET /api/v1/jobs}. Bad parameters are refused with 400 before the stream opens; a request without a
 * session gets 401 (not the login redirect pages get: an event stream cannot follow it). Events: the overview's
 * fragments as HTML ({@code overview-summary}, {@code overview-tables}), {@code new-jobs} (the list's notice as
 * HTML) and {@code job} (the job's new mark; the page then reloads its body).
 */
public final class LiveRoutes {
    /** What an event stream's request must ask for. */
    public static final String EVENT_STREAM = "text/event-stream";
    private static final Set<String> NOT_FILTERS = Set.of("view", "after", "id", "seen", "cursor", "notice", "limit");

    private final LiveHub hub;
    private final String root;

    private LiveRoutes(LiveHub hub, String root) {
        this.hub = hub;
        this.root = root;
    }

    /**
     * Declares the stream and starts its ticker; the hub is closed with the web application ({@code HourglassWeb}).
     *
     * @param pages    the console's path (the route) and the browser's (the links the streams send)
     * @param overview the overview's fragments now, by event name
     */
    public static LiveHub register(Routes routes, HourglassClient client, AccessControl access, Pages pages,
                                   Supplier<Map<String, String>> overview) {
        Function<Watcher, String> notice = LiveRoutes::notice;
        LiveHub hub = new LiveHub(client, overview, notice,
                viewer -> ConsoleGuard.stillAllowed(viewer, Access.CONSOLE_READ, access));
        LiveRoutes live = new LiveRoutes(hub, pages.root());
        routes.get(pages.base() + "/live", Access.CONSOLE_READ, live::open).anyQuery()
                .summary("Console: live updates of one page (server-sent events)").undocumented();
        return hub;
    }

    /**
     * What a job page shows that changes as the job runs (state, attempts made, whether a cancel was asked), as
     * the page passes it in {@code seen}: the stream tells the page when its job's mark moves.
     */
    public static String jobMark(Job job) {
        return job.state().wireName() + "." + job.attempts() + "." + job.cancelRequested();
    }

    private void open(Context ctx) {
        if (!EVENT_STREAM.equals(ctx.header("Accept"))) {
            throw new ConsoleRefusal(406, "this is an event stream: ask for it with 'Accept: " + EVENT_STREAM + "'");
        }
        Viewer viewer = ctx.attribute(Viewer.ATTRIBUTE);
        Watcher w = watcher(ctx, viewer);
        // the page's state goes out now, from this (the container's) thread, before the stream turns asynchronous;
        // the headers are Javalin's SseHandler's, which it cannot add once these first events committed them
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setCharacterEncoding("UTF-8");
        res.setContentType(EVENT_STREAM);
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no");
        if (!hub.arrive(w)) {
            return; // the stream ends with nothing more; the browser opens a new one
        }
        new SseHandler(sse -> {
            w.attach(sse);
            sse.onClose(() -> hub.remove(w));
            sse.keepAlive();
            hub.add(w);
        }).handle(ctx);
    }

    /** Reads the page's parameters now (so bad ones get a 400 before the stream opens). */
    private Watcher watcher(Context ctx, Viewer viewer) {
        String view = ctx.queryParam("view");
        switch (view == null ? "" : view) {
            case "overview":
                return Watcher.overview(ctx.res(), viewer);
            case "job": {
                long id = number(ctx, "id");
                String seen = ctx.queryParam("seen");
                return Watcher.job(ctx.res(), viewer, id, seen);
            }
            case "jobs": {
                long after = number(ctx, "after");
                JobQuery query;
                try {
                    query = JobQueries.from(ctx).withCursor(null);
                } catch (ApiException | InvalidRequestException e) {
                    throw new ConsoleRefusal(400, e.getMessage());
                }
                String filters = filters(ctx);
                String link = root + "/jobs" + (filters.isEmpty() ? "" : "?" + filters);
                return Watcher.jobs(ctx.res(), viewer, query, filters, link, after);
            }
            default:
                throw new ConsoleRefusal(400, "view: must be 'overview', 'jobs' or 'job', was '" + view + "'");
        }
    }

    private static long number(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        try {
            long value = Long.parseLong(raw == null ? "" : raw);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ConsoleRefusal(400, name + ": must be a whole number, at least 0, was '" + raw + "'");
    }

    /** The list's filters as a query string in a fixed order: the key of lists that count the same new jobs. */
    private static String filters(Context ctx) {
        Map<String, String> sorted = new TreeMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!NOT_FILTERS.contains(name) && !values.isEmpty() && !values.get(0).isBlank()) {
                sorted.put(name, values.get(0));
            }
        });
        StringBuilder sb = new StringBuilder();
        sorted.forEach((name, value) -> sb.append(sb.length() == 0 ? "" : "&").append(Fmt.url(name)).append('=')
                .append(Fmt.url(value)));
        return sb.toString();
    }

    /** The jobs list's notice: a link that loads the list again, newest first, with the same filters. */
    private static String notice(Watcher w) {
        if (w.newShown == 0) {
            return "";
        }
        String count = w.newShown >= LiveHub.NEW_JOBS_COUNTED ? LiveHub.NEW_JOBS_COUNTED + "+" : Long.toString(w.newShown);
        return "<a id=\"new-jobs\" class=\"new-jobs\" href=\"" + w.link.replace("&", "&amp;") + "\">" + count
                + (w.newShown == 1 ? " new job" : " new jobs") + " — show them</a>";
    }
}
