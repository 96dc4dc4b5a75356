package io.hourglass.bench;

import io.hourglass.Hourglass;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.JobRequest;
import io.hourglass.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk enqueue alone ({@code bench/run enqueue}): {@code --jobs} jobs through {@code enqueueAll} in calls of
 * {@code --chunk} (default 1,000, as a feed's poll or a loader sends them), with the engine stopped. Two phases on
 * one fresh database: jobs without dedup keys, then as many jobs with dedup keys of which one in ten repeats a key
 * earlier in the same call and one in ten a key a previous call inserted (20% reported skipped). The second phase
 * checks its own answers: every job created or skipped as its key says. Before them, untimed and on a queue of its
 * own, {@code --warmup} jobs (default 5,000) of each phase in the same calls: a call of 100,000 takes a path of
 * its own (binary {@code COPY}), which a warm-up in calls of 1,000 never compiles.
 */
final class EnqueueBench {
    private final Options options;

    EnqueueBench(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        int jobs = options.integer("jobs", 100_000);
        int chunk = options.integer("chunk", 1000);
        try (BenchDatabase db = BenchDatabase.open(options, 4)) {
            Hourglass hourglass = Hourglass.builder().store(db.store()).workerThreads(1)
                    .task(Task.of("noop", context -> { })).build();
            // the timed phases' calls and jobs, so the JIT has compiled their path before the clock runs
            int warmup = options.integer("warmup", Math.min(jobs, 5000));
            ExecutorRuns.enqueueInChunks(hourglass, warmup, chunk, i -> plainJob(i).queue("warmup").build());
            keyedPhase(hourglass, warmup, chunk, "w-", "warmup");
            double plain = ExecutorRuns.enqueueInChunks(hourglass, jobs, chunk, i -> plainJob(i).build());
            long start = System.nanoTime();
            int skipped = keyedPhase(hourglass, jobs, chunk, "k-", Task.DEFAULT_QUEUE);
            double dedup = ExecutorRuns.seconds(System.nanoTime() - start);

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workload", "enqueue");
            result.put("database", db.description());
            result.put("jobs", jobs);
            result.put("chunk", chunk);
            result.put("warmup", warmup);
            result.put("plain_jobs_per_s", Math.round(jobs / plain));
            result.put("dedup_jobs_per_s", Math.round(jobs / dedup));
            result.put("dedup_skipped", skipped);
            System.out.printf("enqueueAll on %s: %,d jobs in calls of %,d%n", db.description(), jobs, chunk);
            System.out.printf("  no dedup keys     %,10d jobs/s (%.2f s)%n", Math.round(jobs / plain), plain);
            System.out.printf("  dedup keys, %d%% skipped %,10d jobs/s (%.2f s)%n", Math.round(100.0 * skipped / jobs),
                    Math.round(jobs / dedup), dedup);
            return result;
        }
    }

    private static JobRequest.Builder plainJob(int i) {
        return JobRequest.of("noop").args(i).kwargs(Map.of("account", "a-" + i));
    }

    /**
     * Enqueues {@code jobs} jobs with the dedup keys {@link #key} gives, prefixed, in calls of {@code chunk}, and
     * checks every answer; returns how many were skipped.
     */
    private static int keyedPhase(Hourglass hourglass, int jobs, int chunk, String prefix, String queue) {
        int skipped = 0;
        for (int done = 0; done < jobs; done += chunk) {
            List<JobRequest> call = new ArrayList<>(chunk);
            for (int i = done; i < Math.min(jobs, done + chunk); i++) {
                call.add(JobRequest.of("noop").queue(queue).args(i).dedupKey(prefix + key(i, chunk)).build());
            }
            List<EnqueueResult> results = hourglass.enqueueAll(call);
            for (int k = 0; k < results.size(); k++) {
                int i = done + k;
                boolean repeat = key(i, chunk) != i;
                if (results.get(k).created() == repeat) {
                    throw new IllegalStateException("job " + i + " with key " + prefix + key(i, chunk) + " was "
                            + (repeat ? "created" : "skipped"));
                }
                skipped += repeat ? 1 : 0;
            }
        }
        return skipped;
    }

    /**
     * The dedup key of job {@code i}: its own number, except that the tenth of each ten repeats the key of the
     * first of its ten when that is in the same call, and the fifth repeats a key a call back (an existing row);
     * keys repeated are always a job's own (a number ending in 0).
     */
    private static int key(int i, int chunk) {
        if (i % 10 == 9 && i % chunk >= 9) {
            return i - 9;
        }
        if (i % 10 == 4 && i >= chunk) {
            return (i - chunk) - (i - chunk) % 10;
        }
        return i;
    }
}
