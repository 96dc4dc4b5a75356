package io.hourglass.server.console.live;

import io.hourglass.job.JobQuery;
import io.hourglass.server.auth.Viewer;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One open console page listening for live updates: its event stream, who opened it (the stream re-checks that
 * their session still allows it), and what the page shows: the overview, a jobs list (its filters and the newest
 * job it listed, to count new ones), or one job (the state it last showed). Sends are synchronized so a stream
 * never interleaves two events; everything else is touched first by the request that opened the stream (its
 * arrival) and then only by the {@link LiveHub}'s ticker thread, handed over through the hub's queue of arrivals.
 *
 * <p>Its first events, the page's state on arrival, are written straight to the response by the request's own
 * (container) thread, before Javalin starts the asynchronous stream ({@link #attach}); only later events go through
 * Javalin's {@link SseClient} from other threads. Written from another thread while the container thread is still
 * on its way out of the request, Tomcat (the console mounted in a Spring Boot application) lost or held back
 * those first bytes: the page's summary, sent only when it changes, then never came.
 */
final class Watcher {
    /** Which page a stream serves. */
    enum View { OVERVIEW, JOBS, JOB }

    /** The response while the request that opened the stream writes its first events; then null. */
    private HttpServletResponse response;
    /** Javalin's stream, once attached; null before. */
    private SseClient sse;
    private boolean gone;
    final Viewer viewer;
    final View view;
    /** JOB: the job watched; JOBS: unused. */
    final long jobId;
    /** JOB: the job's {@link LiveRoutes#jobMark} as the page shows it now. */
    String jobMark;
    /** JOBS: the list's filters (first page, newest first), the key of watchers with the same, and its link. */
    final JobQuery query;
    final String filterKey;
    final String link;
    /** JOBS: the newest job id the page listed (0 for none), and how many newer ones its notice says. */
    final long after;
    long newShown;
    /** OVERVIEW: each fragment as this stream was last sent it, by event name. */
    private final Map<String, String> shown = new HashMap<>();

    private Watcher(HttpServletResponse response, Viewer viewer, View view, long jobId, String jobMark,
                    JobQuery query, String filterKey, String link, long after) {
        this.response = response;
        this.viewer = viewer;
        this.view = view;
        this.jobId = jobId;
        this.jobMark = jobMark;
        this.query = query;
        this.filterKey = filterKey;
        this.link = link;
        this.after = after;
    }

    static Watcher overview(HttpServletResponse response, Viewer viewer) {
        return new Watcher(response, viewer, View.OVERVIEW, 0, null, null, null, null, 0);
    }

    static Watcher job(HttpServletResponse response, Viewer viewer, long jobId, String seen) {
        return new Watcher(response, viewer, View.JOB, jobId, seen, null, null, null, 0);
    }

    static Watcher jobs(HttpServletResponse response, Viewer viewer, JobQuery query, String filterKey, String link,
                        long after) {
        return new Watcher(response, viewer, View.JOBS, 0, null, query, filterKey, link, after);
    }

    /** From now on events go through Javalin's stream (called on its thread, before the hub's ticker sees this). */
    synchronized void attach(SseClient stream) {
        this.sse = stream;
        this.response = null;
        if (gone) {
            stream.close();
        }
    }

    /** Sends one event; false when the stream is gone (the browser left or the send failed). */
    synchronized boolean send(String event, String data) {
        if (closed()) {
            return false;
        }
        if (sse == null) {
            return write(event, data);
        }
        try {
            sse.sendEvent(event, data);
        } catch (IllegalStateException taken) {
            // a servlet container that took the response back (Tomcat, once the browser left) refuses the write
            // with this rather than an IOException, which Javalin would have turned into a closed stream
            sse.close();
            return false;
        }
        return !sse.terminated();
    }

    /** An event as Javalin's emitter writes it (one data line per line), straight to the response, flushed. */
    private boolean write(String event, String data) {
        StringBuilder text = new StringBuilder("event: ").append(event).append('\n');
        data.lines().forEach(line -> text.append("data: ").append(line).append('\n'));
        try {
            OutputStream out = response.getOutputStream();
            out.write(text.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            response.flushBuffer();
            return true;
        } catch (IOException e) {
            gone = true;
            return false;
        }
    }

    /** Sends the event unless this stream was last sent the same data for it; false when the stream is gone. */
    synchronized boolean offer(String event, String data) {
        if (data.equals(shown.get(event))) {
            return !closed();
        }
        shown.put(event, data);
        return send(event, data);
    }

    /** A comment line: keeps proxies from timing the stream out, and finds streams whose browser is gone. */
    synchronized void keepAlive() {
        if (sse != null && !sse.terminated()) {
            sse.sendComment("keep-alive");
        }
    }

    synchronized boolean closed() {
        return gone || sse != null && sse.terminated();
    }

    /** Ends the stream (before it is attached: when it is). */
    synchronized void close() {
        gone = true;
        if (sse != null) {
            sse.close();
        }
    }
}
