package io.hourglass.jdbc;

import io.hourglass.job.EnqueueResult;
import io.hourglass.store.NewJob;
import io.hourglass.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Group commit of small inserts: concurrent calls (a REST enqueue each) are written by the dialect's number of
 * writer threads ({@link Dialect#insertWriters}), "hourglass-store-writer-N", each writing as one transaction every
 * call that queued while the writers were busy. There is no window to wait out: with a writer idle, a call is written at once; under load, a group is
 * whatever queued during the transactions in flight, so one transaction (and its commit's flush to disk) serves
 * many callers. Several writers, not one: with the database far away or busy, a transaction is mostly round trips,
 * and one writer would leave the callers waiting for them one group at a time.
 *
 * <p>Each caller still gets its own answer: the group is one batch in arrival order, so a job whose key an
 * earlier caller's job took in the same group is skipped with that job's id, as if the calls had run one after the
 * other. When the group's transaction fails because the database is unreachable, every caller gets that
 * {@link StoreUnavailableException}; when it fails otherwise (a bad row), each call is written again in a
 * transaction of its own, so only the call with the bad row fails, and with its own error. Either way a call is
 * written whole or not at all.
 */
final class GroupCommit implements AutoCloseable {
    /** Calls with more jobs than this write alone, on the caller's thread: they are a group by themselves. */
    static final int MAX_JOBS_PER_CALL = 64;
    /** A group stops taking calls once it holds this many jobs. */
    static final int MAX_JOBS_PER_GROUP = 2000;

    private record Call(List<NewJob> jobs, CompletableFuture<List<EnqueueResult>> answer) {
    }

    private final Function<List<NewJob>, List<EnqueueResult>> transaction;
    private final LinkedBlockingQueue<Call> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    /**
     * {@code transaction} writes a batch in one transaction and answers per job, in order; {@code writers}
     * transactions run at most at a time.
     */
    GroupCommit(Function<List<NewJob>, List<EnqueueResult>> transaction, int writers) {
        this.transaction = transaction;
        for (int i = 1; i <= writers; i++) {
            Thread writer = new Thread(this::run, "hourglass-store-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            this.writers.add(writer);
        }
    }

    /** Writes {@code jobs} (at most {@link #MAX_JOBS_PER_CALL}) with whatever else is waiting; answers in order. */
    List<EnqueueResult> insert(List<NewJob> jobs) {
        Call call = new Call(jobs, new CompletableFuture<>());
        queue.add(call);
        if (closed) {
            failQueued();
        }
        try {
            return call.answer().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Calls queued and not yet taken into a group. */
    int waiting() {
        return queue.size();
    }

    @Override
    public void close() {
        closed = true;
        writers.forEach(Thread::interrupt);
        failQueued();
    }

    private void run() {
        List<Call> group = new ArrayList<>();
        while (!closed) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            int jobs = group.get(0).jobs().size();
            for (Call next; jobs < MAX_JOBS_PER_GROUP && (next = queue.poll()) != null; ) {
                group.add(next);
                jobs += next.jobs().size();
            }
            write(group);
            group.clear();
        }
        failQueued();
    }

    private void write(List<Call> group) {
        List<NewJob> all = new ArrayList<>();
        for (Call call : group) {
            all.addAll(call.jobs());
        }
        List<EnqueueResult> results;
        try {
            results = transaction.apply(all);
        } catch (StoreUnavailableException e) {
            group.forEach(call -> call.answer().completeExceptionally(e));
            return;
        } catch (RuntimeException | Error e) {
            if (group.size() == 1) {
                group.get(0).answer().completeExceptionally(e);
            } else {
                group.forEach(this::writeAlone);
            }
            return;
        }
        int from = 0;
        for (Call call : group) {
            int to = from + call.jobs().size();
            call.answer().complete(List.copyOf(results.subList(from, to)));
            from = to;
        }
    }

    private void writeAlone(Call call) {
        try {
            call.answer().complete(transaction.apply(call.jobs()));
        } catch (RuntimeException | Error e) {
            call.answer().completeExceptionally(e);
        }
    }

    private void failQueued() {
        for (Call call; (call = queue.poll()) != null; ) {
            call.answer().completeExceptionally(new StoreException("the store was closed before " + call.jobs().size()
                    + " job(s) (first task '" + call.jobs().get(0).task() + "') were written"));
        }
    }
}
