package io.hourglass.engine;

import io.hourglass.job.Job;
import io.hourglass.store.Completion;
import io.hourglass.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the ends of attempts to the store in batches, on one thread ("hourglass-completer"). Worker threads
 * hand over a {@link Completion} and go back to work at once; the completer waits at most {@link #LINGER_NANOS}
 * after the first pending completion for more to join it, so under load one transaction ends many attempts and
 * when idle a completion is written within about two milliseconds. Accepted retries wake the dispatcher at
 * their due time.
 *
 * <p>Completions are fenced by owner and attempt in the store. A refused one means this node lost the lease (it
 * was presumed dead and the job went elsewhere): that is logged, never retried. When the store cannot be reached
 * the batch is tried again a few times; if it still fails the jobs stay running under this node's name and are
 * taken over by the lease reaper once their leases expire, so nothing is lost.
 */
final class Completer {
    private static final Logger log = LoggerFactory.getLogger(Completer.class);
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int WRITE_TRIES = 3;
    private static final Pending END = new Pending(null, null);

    /** A completion and the job it ends (for the listeners). */
    private record Pending(Completion completion, Job job) {
    }

    private final Store store;
    private final String nodeName;
    private final int batchSize;
    private final Consumer<Instant> retriesDue;
    private final EngineEvents events;
    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Thread thread;

    /** @param retriesDue told the earliest retry time among each written batch (the dispatcher's wake-up) */
    Completer(Store store, String nodeName, int batchSize, Consumer<Instant> retriesDue, EngineEvents events) {
        this.store = store;
        this.nodeName = nodeName;
        this.batchSize = batchSize;
        this.retriesDue = retriesDue;
        this.events = events;
        this.thread = NamedThreads.single("hourglass-completer").newThread(this::run);
    }

    void start() {
        thread.start();
    }

    /** Queues the end of {@code job}'s current attempt for writing. */
    void submit(Completion completion, Job job) {
        pending.add(new Pending(completion, job));
    }

    /** Writes everything submitted so far, then ends the thread. */
    void flushAndStop() {
        pending.add(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        boolean ending = false;
        while (!ending) {
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = pending.take();
                if (first == END) {
                    ending = true;
                } else {
                    batch.add(first);
                }
                long lingerUntil = System.nanoTime() + LINGER_NANOS;
                while (!ending && batch.size() < batchSize) {
                    Pending next = pending.poll(lingerUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    if (next == END) {
                        ending = true;
                    } else {
                        batch.add(next);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ending = true;
            }
            if (ending) {
                pending.drainTo(batch);
                batch.remove(END);
            }
            writeAll(batch);
        }
    }

    /**
     * Writes what was submitted so far, on the calling thread: for a {@link DueRunner}, which never starts this
     * completer's thread and writes after each round's attempts ended.
     */
    void writeSubmitted() {
        List<Pending> batch = new ArrayList<>();
        pending.drainTo(batch);
        writeAll(batch);
    }

    private void writeAll(List<Pending> batch) {
        for (int from = 0; from < batch.size(); from += batchSize) {
            write(batch.subList(from, Math.min(batch.size(), from + batchSize)));
        }
    }

    private void write(List<Pending> unordered) {
        if (unordered.isEmpty()) {
            return;
        }
        // Rows are locked in id order, as every multi-row write does, so two nodes' batches cannot deadlock.
        List<Pending> ordered = unordered.stream()
                .sorted(java.util.Comparator.comparingLong(p -> p.completion().jobId())).toList();
        List<Completion> batch = ordered.stream().map(Pending::completion).toList();
        for (int attempt = 1; attempt <= WRITE_TRIES; attempt++) {
            try {
                boolean[] accepted = store.complete(batch);
                report(ordered, accepted);
                Instant earliestRetry = null;
                for (int i = 0; i < batch.size(); i++) {
                    Instant retryAt = batch.get(i).retryAt();
                    if (accepted[i] && retryAt != null && (earliestRetry == null || retryAt.isBefore(earliestRetry))) {
                        earliestRetry = retryAt;
                    }
                    if (!accepted[i]) {
                        Completion refused = batch.get(i);
                        log.warn("{}: stale completion refused: lease lost (job {}, owner '{}', attempt {}, outcome {})",
                                nodeName, refused.jobId(), refused.owner(), refused.attempt(),
                                refused.outcome().wireName());
                    }
                }
                if (earliestRetry != null) {
                    retriesDue.accept(earliestRetry);
                }
                return;
            } catch (RuntimeException e) {
                log.error("{}: could not write {} completions (try {} of {}), jobs {}", nodeName, batch.size(),
                        attempt, WRITE_TRIES, batch.stream().map(Completion::jobId).toList(), e);
                if (attempt < WRITE_TRIES && !pauseBeforeRetry()) {
                    break;
                }
            }
        }
        log.error("{}: gave up writing completions of jobs {}; they are re-run once their leases expire", nodeName,
                batch.stream().map(Completion::jobId).toList());
    }

    private void report(List<Pending> written, boolean[] accepted) {
        for (int i = 0; i < written.size(); i++) {
            Pending done = written.get(i);
            Completion completion = done.completion();
            if (accepted[i]) {
                events.attemptEnded(done.job(), completion.outcome(), completion.startedAt(), completion.finishedAt());
            } else {
                events.completionRefused(done.job(), completion.outcome());
            }
        }
    }

    private static boolean pauseBeforeRetry() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
