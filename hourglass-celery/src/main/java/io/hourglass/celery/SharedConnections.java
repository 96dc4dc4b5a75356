package io.hourglass.celery;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections that the executors of one {@link CeleryExecutorType} share, counted by user: the first executor to
 * need one opens it, the last to be closed closes it, so a definition that moves to another broker leaves nothing
 * open behind it. {@link #close()} closes whatever is still open. Keys hold broker URLs, passwords included: they
 * are never logged; each share carries a redacted description for that.
 */
final class SharedConnections implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedConnections.class);

    private static final class Share {
        private final AutoCloseable resource;
        private final String shown;
        private int users;

        private Share(AutoCloseable resource, String shown) {
            this.resource = resource;
            this.shown = shown;
        }
    }

    // @GuardedBy("this")
    private final Map<String, Share> shares = new HashMap<>();
    // @GuardedBy("this")
    private boolean closed;

    /**
     * The resource under {@code key}, opened with {@code open} when nobody uses one; each call must be matched by
     * one {@link #release}.
     *
     * @param shown what the resource is, without secrets, for logs
     */
    @SuppressWarnings("unchecked")
    synchronized <R extends AutoCloseable> R acquire(String key, String shown, Supplier<R> open) {
        if (closed) {
            throw new IllegalStateException("the celery executor type is closed; cannot connect to " + shown);
        }
        Share share = shares.get(key);
        if (share == null) {
            share = new Share(open.get(), shown);
            shares.put(key, share);
        }
        share.users++;
        return (R) share.resource;
    }

    /** Gives back one use of {@code key}; the last one closes the resource. */
    synchronized void release(String key) {
        Share share = shares.get(key);
        if (share != null && --share.users == 0) {
            shares.remove(key);
            closeQuietly(share);
        }
    }

    /** How many resources are open, for tests. */
    synchronized int open() {
        return shares.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        shares.values().forEach(SharedConnections::closeQuietly);
        shares.clear();
    }

    private static void closeQuietly(Share share) {
        try {
            share.resource.close();
        } catch (Exception e) {
            log.warn("closing the shared celery connection to {} failed: {}", share.shown, e.getClass().getName());
        }
    }
}
