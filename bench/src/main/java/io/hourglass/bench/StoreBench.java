package io.hourglass.bench;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.store.Completion;
import io.hourglass.store.NewJob;
import io.hourglass.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The store alone ({@code bench/run store}): what the database and the store's statements allow, with no engine
 * around them, so a burn-down can be read against its ceiling. Each of {@code --rounds} rounds (default 5, on one
 * fresh database, so the first rounds are also the JIT's warm-up and the later ones run beside the earlier ones'
 * history) inserts {@code --jobs} key-free jobs in one {@code insertJobs} call and then drains them the way a node
 * does, minus everything else a node does: this thread claims 256 at a time (the default claim batch) and hands
 * each claim to a completer thread that writes completions in batches of up to 512 (the default completion batch).
 * No worker threads, pacer, heartbeat, lease reaper or retention run, and nothing runs the jobs.
 *
 * <p>On PostgreSQL a last step times the server inserting {@code --jobs} rows by itself ({@code INSERT … SELECT …
 * generate_series}, the rows {@code insertJobs} writes, into the same table and indexes): the insert's ceiling with
 * no client, no protocol and no parameters.
 */
final class StoreBench {
    private static final int CLAIM = 256;
    private static final int COMPLETE = 512;
    private static final String OWNER = "bench-store#1";

    private final Options options;

    StoreBench(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        int jobs = options.integer("jobs", 100_000);
        int rounds = options.integer("rounds", 5);
        List<Long> inserts = new ArrayList<>();
        List<Long> drains = new ArrayList<>();
        Map<String, Object> result = new LinkedHashMap<>();
        try (BenchDatabase db = BenchDatabase.open(options, 4)) {
            Store store = db.store();
            store.migrate();
            System.out.printf("the store alone on %s: %,d jobs per round, claims of %d, completions of up to %d%n",
                    db.description(), jobs, CLAIM, COMPLETE);
            for (int round = 1; round <= rounds; round++) {
                long began = System.nanoTime();
                store.insertJobs(newJobs(jobs));
                double inserted = ExecutorRuns.seconds(System.nanoTime() - began);
                began = System.nanoTime();
                int drained = drain(store);
                double drainedIn = ExecutorRuns.seconds(System.nanoTime() - began);
                requireAll(jobs, drained);
                long insertRate = Math.round(jobs / inserted);
                long drainRate = Math.round(drained / drainedIn);
                inserts.add(insertRate);
                drains.add(drainRate);
                System.out.printf("  round %d: insertJobs %,10d jobs/s (%.2f s), drain %,10d jobs/s (%.2f s)%n",
                        round, insertRate, inserted, drainRate, drainedIn);
            }
            result.put("workload", "store");
            result.put("database", db.description());
            result.put("jobs", jobs);
            result.put("insert_jobs_per_s", inserts);
            result.put("drain_jobs_per_s", drains);
            if (db.isPostgres()) {
                double bySql = TableFill.dueNow(db, "noop", jobs);
                long serverRate = Math.round(jobs / bySql);
                result.put("server_insert_jobs_per_s", serverRate);
                System.out.printf("  the server alone, INSERT ... SELECT of %,d rows %,10d jobs/s (%.2f s)%n", jobs,
                        serverRate, bySql);
                requireAll(jobs, drain(store));
            }
        }
        return result;
    }

    private static List<NewJob> newJobs(int count) {
        Instant now = Instant.now();
        List<NewJob> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            jobs.add(new NewJob("noop", "default", 0, List.of(i), Map.of(), null, now, now, null, null, null, null));
        }
        return jobs;
    }

    /**
     * Claims on this thread, completes on another, until a claim finds nothing; that empty claim, handed over last,
     * ends the completer. Returns the jobs completed.
     */
    private static int drain(Store store) throws InterruptedException {
        BlockingQueue<List<Job>> claims = new ArrayBlockingQueue<>(4);
        int[] completed = {0};
        Thread completer = new Thread(() -> completed[0] = completeAll(store, claims), "bench-store-completer");
        completer.start();
        List<Job> claimed;
        do {
            Instant now = Instant.now();
            claimed = store.claim(OWNER, now, now.plusSeconds(30), CLAIM, null, null);
            claims.put(claimed);
        } while (!claimed.isEmpty());
        completer.join();
        return completed[0];
    }

    private static int completeAll(Store store, BlockingQueue<List<Job>> claims) {
        int completed = 0;
        List<Completion> batch = new ArrayList<>(COMPLETE);
        try {
            for (List<Job> claimed = claims.take(); ; claimed = claims.take()) {
                Instant now = Instant.now();
                for (Job job : claimed) {
                    batch.add(new Completion(job.id(), job.owner(), job.attempts(), Outcome.SUCCEEDED, now, now,
                            null, null, false, null));
                }
                boolean drained = claimed.isEmpty();
                if (batch.size() >= COMPLETE || (drained && !batch.isEmpty())) {
                    completed += accepted(store.complete(batch));
                    batch = new ArrayList<>(COMPLETE);
                }
                if (drained) {
                    return completed;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return completed;
        }
    }

    private static int accepted(boolean[] fences) {
        int accepted = 0;
        for (boolean passed : fences) {
            accepted += passed ? 1 : 0;
        }
        return accepted;
    }

    private static void requireAll(int expected, int completed) {
        if (completed != expected) {
            throw new IllegalStateException("the drain completed " + completed + " jobs of " + expected);
        }
    }
}
