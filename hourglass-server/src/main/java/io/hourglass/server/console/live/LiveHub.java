package io.hourglass.server.console.live;

import io.hourglass.HourglassClient;
import io.hourglass.job.Job;
import io.hourglass.job.JobActivity;
import io.hourglass.server.auth.Viewer;
import io.hourglass.server.console.live.Watcher.View;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates for every open console page, cheap however many are open: one ticker thread reads
 * {@link HourglassClient#jobActivity()} once per {@link #TICK} (only while a page listens) and fans the result out.
 * When nothing changed, nothing more is read. When something did: the overview's fragments are rendered once for
 * every overview (at most every {@link #OVERVIEW_EVERY}, and every {@link #REFRESH_EVERY} anyway for heartbeats and
 * lateness) and pushed only when their HTML differs; each watched job is read once however many pages watch it,
 * and a page hears "job" only when its job's state, attempts or cancel flag moved; each distinct jobs-list filter
 * is read once (a bounded first page) when a new job exists, and each list hears how many newer jobs match.
 * A page that connects is sent its current state at once, by the request that opens its stream, before the
 * ticker knows of it (the refresh a tab shown again needs); the ticker's first pass over it then sends only what
 * changed since. Arrival is not left to a tick: a tick that fails (a read that throws) would leave the page with
 * no summary until the summary changes, which on a quiet system is never. A page whose state cannot be read when it
 * connects has its stream ended, and the browser reconnects. What each stream was last sent is kept per stream, so
 * any thread's send knows what the page shows.
 *
 * <p>Streams end when the browser leaves (a failed send or keep-alive drops them), when their session no longer
 * allows the page (re-checked every {@link #KEEP_ALIVE}: a revoked token ends its streams), and on server stop.
 * Sends are small and written from the ticker thread (a stream's first, by the request that opened it); a
 * browser that stops reading is dropped by Jetty's idle timeout (mounted: by the container's write timeout).
 */
public final class LiveHub implements AutoCloseable {
    public static final Duration TICK = Duration.ofSeconds(1);
    public static final Duration OVERVIEW_EVERY = Duration.ofSeconds(2);
    public static final Duration REFRESH_EVERY = Duration.ofSeconds(15);
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** A jobs list counts at most this many new jobs ("100+ new jobs"). */
    public static final int NEW_JOBS_COUNTED = 100;

    private static final Logger log = LoggerFactory.getLogger(LiveHub.class);

    private final HourglassClient client;
    private final Supplier<Map<String, String>> overview;
    private final Function<Watcher, String> newJobsNotice;
    private final Predicate<Viewer> stillAllowed;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final Queue<Watcher> arrived = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hourglass-console-live");
        t.setDaemon(true);
        return t;
    });

    // touched only by the ticker thread
    private JobActivity lastActivity;
    private boolean overviewStale = true;
    private long overviewAt;
    private long keptAliveAt = System.nanoTime();
    private String lastProblem;

    /**
     * @param overview      renders the overview's fragments now, by event name
     * @param newJobsNotice the HTML of a jobs list's notice for its {@code newShown} count
     * @param stillAllowed  whether a viewer's session still allows the console
     */
    LiveHub(HourglassClient client, Supplier<Map<String, String>> overview,
                   Function<Watcher, String> newJobsNotice, Predicate<Viewer> stillAllowed) {
        this.client = client;
        this.overview = overview;
        this.newJobsNotice = newJobsNotice;
        this.stillAllowed = stillAllowed;
        ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends a page whose stream is opening what it shows now, on the request's own thread; false (the stream is to
     * end, and the browser reconnects) when that cannot be read. Until {@link #add}, nothing else touches the watcher.
     */
    boolean arrive(Watcher watcher) {
        try {
            switch (watcher.view) {
                case OVERVIEW -> overview.get().forEach(watcher::offer);
                case JOBS -> newJobs(List.of(watcher));
                case JOB -> job(watcher.jobId, List.of(watcher));
            }
            return !watcher.closed();
        } catch (RuntimeException e) {
            log.warn("console live updates: could not read what a page shows as its stream opened; ending the stream"
                    + " (the browser reconnects): {}", e.toString());
            watcher.close();
            return false;
        }
    }

    /** Hands an arrived stream to the ticker, which from then on sends it what changes; ends it once closed. */
    void add(Watcher watcher) {
        arrived.add(watcher);
        if (closed) {
            watcher.close(); // the ticker that would have taken it is gone
        }
    }

    void remove(Watcher watcher) {
        watchers.remove(watcher);
    }

    private void tick() {
        try {
            List<Watcher> fresh = new ArrayList<>();
            for (Watcher w; (w = arrived.poll()) != null; ) {
                fresh.add(w);
            }
            watchers.addAll(fresh);
            watchers.removeIf(Watcher::closed);
            if (watchers.isEmpty()) {
                lastActivity = null;
                overviewStale = true;
                return;
            }
            long now = System.nanoTime();
            JobActivity activity = client.jobActivity();
            boolean changed = !activity.equals(lastActivity);
            boolean newJobs = lastActivity == null || activity.newestJobId() != lastActivity.newestJobId();
            lastActivity = activity;
            overviews(fresh, changed, now);
            jobLists(fresh, newJobs);
            jobs(fresh, changed);
            if (now - keptAliveAt >= KEEP_ALIVE.toNanos()) {
                keptAliveAt = now;
                keepAlive();
            }
            lastProblem = null;
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
                log.warn("console live updates: could not read what changed (trying again every {}): {}", TICK,
                        e.toString());
                lastProblem = String.valueOf(e.getMessage());
            }
        }
    }

    private void overviews(List<Watcher> fresh, boolean changed, long now) {
        List<Watcher> open = of(View.OVERVIEW, watchers);
        if (open.isEmpty()) {
            overviewStale = true;
            return;
        }
        overviewStale |= changed;
        List<Watcher> arriving = of(View.OVERVIEW, fresh);
        long since = now - overviewAt;
        if (!arriving.isEmpty() || (overviewStale && since >= OVERVIEW_EVERY.toNanos())
                || since >= REFRESH_EVERY.toNanos()) {
            Map<String, String> html = overview.get();
            overviewAt = now;
            overviewStale = false;
            html.forEach((event, fragment) -> {
                for (Watcher w : open) {
                    if (!w.offer(event, fragment)) {
                        watchers.remove(w);
                    }
                }
            });
        }
    }

    private void jobLists(List<Watcher> fresh, boolean newJobs) {
        Map<String, List<Watcher>> byFilter = new HashMap<>();
        for (Watcher w : of(View.JOBS, newJobs ? watchers : fresh)) {
            byFilter.computeIfAbsent(w.filterKey, k -> new ArrayList<>()).add(w);
        }
        byFilter.values().forEach(this::newJobs);
    }

    /** One read for watchers of the same filters; each hears how many newer jobs match when that count moved. */
    private void newJobs(List<Watcher> group) {
        List<Job> newest = client.jobs(group.get(0).query.withLimit(NEW_JOBS_COUNTED)).items();
        for (Watcher w : group) {
            long count = newest.stream().filter(j -> j.id() > w.after).count();
            if (count != w.newShown) {
                w.newShown = count;
                send(List.of(w), "new-jobs", newJobsNotice.apply(w));
            }
        }
    }

    private void jobs(List<Watcher> fresh, boolean changed) {
        Map<Long, List<Watcher>> byJob = new HashMap<>();
        for (Watcher w : of(View.JOB, changed ? watchers : fresh)) {
            byJob.computeIfAbsent(w.jobId, k -> new ArrayList<>()).add(w);
        }
        byJob.forEach(this::job);
    }

    /** One read of a job for its watchers; each hears "job" when the job's mark moved from what its page shows. */
    private void job(long id, List<Watcher> group) {
        String mark = client.job(id).map(LiveRoutes::jobMark).orElse("gone");
        for (Watcher w : group) {
            if (!mark.equals(w.jobMark)) {
                w.jobMark = mark;
                send(List.of(w), "job", mark);
            }
        }
    }

    private void keepAlive() {
        for (Watcher w : watchers) {
            if (stillAllowed.test(w.viewer)) {
                w.keepAlive();
            } else {
                w.close();
            }
        }
    }

    private void send(List<Watcher> to, String event, String data) {
        for (Watcher w : to) {
            if (!w.send(event, data)) {
                watchers.remove(w);
            }
        }
    }

    private static List<Watcher> of(View view, java.util.Collection<Watcher> from) {
        return from.stream().filter(w -> w.view == view).toList();
    }

    /**
     * Ends every stream and those that open later. A container that waits for its open requests before it stops
     * (Spring Boot's graceful shutdown) would otherwise wait out its whole grace period for any console page left
     * open in a browser.
     */
    @Override
    public void close() {
        closed = true;
        ticker.shutdownNow();
        arrived.forEach(Watcher::close);
        watchers.forEach(Watcher::close);
        watchers.clear();
    }
}
