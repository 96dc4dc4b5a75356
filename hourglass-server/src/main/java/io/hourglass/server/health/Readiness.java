package io.hourglass.server.health;

import io.hourglass.store.Store;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether this node can serve: its migrations were applied at start, and the database answers a cheap query
 * now. The probe runs on its own thread with a time limit, so a hung database makes the check fail fast instead of
 * hanging the load balancer's request.
 */
public final class Readiness implements AutoCloseable {
    public static final long PROBE_TIMEOUT_MS = 2000;

    /** The verdict, with the reason when not ready. */
    public record Verdict(boolean ready, String reason) {
    }

    private final Store store;
    private final ExecutorService probes = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hourglass-readiness-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean migrated;

    public Readiness(Store store) {
        this.store = store;
    }

    public void markMigrated() {
        migrated = true;
    }

    public boolean isMigrated() {
        return migrated;
    }

    public Verdict check() {
        if (!migrated) {
            return new Verdict(false, "database migrations have not been applied yet");
        }
        CompletableFuture<Void> probe = CompletableFuture.runAsync(store::findNodes, probes);
        try {
            probe.get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return new Verdict(true, null);
        } catch (TimeoutException e) {
            probe.cancel(true);
            return new Verdict(false, "the database did not answer within " + PROBE_TIMEOUT_MS + " ms");
        } catch (ExecutionException e) {
            return new Verdict(false, "the database query failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(false, "interrupted while checking the database");
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
