package io.hourglass.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a process and everything it started. Killing only the direct child would leave its children running
 * (a {@code sh -c} script's {@code sleep}, a build's compilers) and holding the output pipe. The descendants are
 * listed while the root is still alive (after it dies they are re-parented and can no longer be found), sent
 * SIGTERM with the root so they can clean up, and after the grace period whatever is left gets SIGKILL.
 */
final class ProcessTree {
    private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);

    private final ProcessHandle root;
    private final Duration grace;
    private final AtomicBoolean killed = new AtomicBoolean();

    ProcessTree(ProcessHandle root, Duration grace) {
        this.root = root;
        this.grace = grace;
    }

    /** Kills the tree once; later calls return at once. Blocks for at most the grace period. */
    void kill() {
        if (!killed.compareAndSet(false, true)) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.debug("process tree of pid {} outlived its {} grace; killing it", root.pid(), grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    boolean wasKilled() {
        return killed.get();
    }
}
