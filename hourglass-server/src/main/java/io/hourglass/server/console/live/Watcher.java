package io.hourglass.server.console.live;

import io.hourglass.job.JobQuery;
import io.hourglass.server.auth.Viewer;
import io.javalin.http.sse.SseClient;
import java.util.HashMap;
import java.util.Map;

/**
 * One open console page listening for live updates: its event stream, who opened it (the stream re-checks that
 * their session still allows it), and what the page shows: the overview, a jobs list (its filters and the newest
 * job it listed, to count new ones), or one job (the state it last showed). Sends are synchronized so a stream
 * never interleaves two events; everything else is touched first by the thread that opened the stream (its arrival)
 * and then only by the {@link LiveHub}'s ticker thread, handed over through the hub's queue of arrivals.
 */
final class Watcher {
    /** Which page a stream serves. */
    enum View { OVERVIEW, JOBS, JOB }

    private final SseClient sse;
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

    private Watcher(SseClient sse, Viewer viewer, View view, long jobId, String jobMark, JobQuery query,
                    String filterKey, String link, long after) {
        this.sse = sse;
        this.viewer = viewer;
        this.view = view;
        this.jobId = jobId;
        this.jobMark = jobMark;
        this.query = query;
        this.filterKey = filterKey;
        this.link = link;
        this.after = after;
    }

    static Watcher overview(SseClient sse, Viewer viewer) {
        return new Watcher(sse, viewer, View.OVERVIEW, 0, null, null, null, null, 0);
    }

    static Watcher job(SseClient sse, Viewer viewer, long jobId, String seen) {
        return new Watcher(sse, viewer, View.JOB, jobId, seen, null, null, null, 0);
    }

    static Watcher jobs(SseClient sse, Viewer viewer, JobQuery query, String filterKey, String link, long after) {
        return new Watcher(sse, viewer, View.JOBS, 0, null, query, filterKey, link, after);
    }

    /** Sends one event; false when the stream is gone (the browser left or the send failed). */
    synchronized boolean send(String event, String data) {
        if (sse.terminated()) {
            return false;
        }
        try {
            sse.sendEvent(event, data);
        } catch (IllegalStateException gone) {
            // a servlet container that took the response back (Tomcat, once the browser left) refuses the write
            // with this rather than an IOException, which Javalin would have turned into a closed stream
            sse.close();
            return false;
        }
        return !sse.terminated();
    }

    /** Sends the event unless this stream was last sent the same data for it; false when the stream is gone. */
    synchronized boolean offer(String event, String data) {
        if (data.equals(shown.get(event))) {
            return !sse.terminated();
        }
        shown.put(event, data);
        return send(event, data);
    }

    /** A comment line: keeps proxies from timing the stream out, and finds streams whose browser is gone. */
    synchronized void keepAlive() {
        if (!sse.terminated()) {
            sse.sendComment("keep-alive");
        }
    }

    boolean closed() {
        return sse.terminated();
    }

    void close() {
        sse.close();
    }
}
