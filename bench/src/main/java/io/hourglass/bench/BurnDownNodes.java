package io.hourglass.bench;

import io.hourglass.Hourglass;
import io.hourglass.job.JobRequest;
import io.hourglass.task.Task;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Burn-down on a cluster: {@code --nodes=K} node processes (separate JVMs, each an engine with its own connection
 * pool, {@code --workers} threads, {@code --node-heap}) on one PostgreSQL schema. The jobs are enqueued into the
 * paused {@code default} queue before the nodes start; once every node says it is ready, the queue is resumed and
 * the time runs until no job is scheduled or running. {@code --nodes=1} takes the same path, so the two figures
 * compare like with like (JVM start-up is outside the timing either way). {@code --job-ms} holds each job's thread
 * that long, as in the one-node burn-down: with it the nodes' worker threads, not the two cores, set the pace.
 * {@code --warmup=N} has the started nodes drain N jobs first (not timed), then the measured jobs are enqueued
 * into the paused queue and the table vacuumed, as in the one-node warm-up: the nodes run on, so their JIT is warm
 * and nothing a node's stop deoptimises is compiled again inside the timing.
 *
 * <p>A node process ({@code burn-node}, {@link #node}) prints {@code READY} once started and
 * {@code DONE ran=N rss=MB peak_rss=MB} when its standard input closes, then stops.
 */
final class BurnDownNodes {
    private final Options options;

    BurnDownNodes(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        int nodes = options.integer("nodes", 1);
        int jobs = options.integer("jobs", 100_000);
        int workers = options.integer("workers", 8);
        int warmup = options.integer("warmup", 0);
        int jobMillis = options.integer("job-ms", 0);
        String url = options.string("url", BenchDatabase.DEFAULT_PG_URL);
        if (!options.string("db", "h2").equals("postgres")) {
            throw new IllegalArgumentException("--nodes needs --db=postgres (H2 is one process)");
        }
        try (BenchDatabase db = BenchDatabase.open(options, 4)) {
            Hourglass client = Hourglass.builder().store(db.store()).workerThreads(0)
                    .task(Task.of("noop", context -> { })).build();
            client.pauseQueue("default");
            // with a warm-up, its jobs go first and the measured ones once the nodes drained them
            double enqueueSeconds = enqueue(client, warmup > 0 ? warmup : jobs, 0);
            List<Process> processes = new ArrayList<>();
            List<CompletableFuture<String>> done = new ArrayList<>();
            try {
                List<CompletableFuture<Void>> ready = new ArrayList<>();
                for (int i = 0; i < nodes; i++) {
                    Process p = new ProcessBuilder(javaCommand(), "-Xmx" + options.string("node-heap", "512m"),
                            "-cp", jarPath(), BenchMain.class.getName(), "burn-node", "--url=" + url,
                            "--workers=" + workers, "--job-ms=" + jobMillis,
                            "--name=bench-node-" + (i + 1))
                            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                    processes.add(p);
                    CompletableFuture<Void> up = new CompletableFuture<>();
                    CompletableFuture<String> last = new CompletableFuture<>();
                    ready.add(up);
                    done.add(last);
                    readLines(p, up, last);
                }
                CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
                if (warmup > 0) {
                    enqueueSeconds = warmUp(db, client, warmup, jobs);
                }
                long began = System.nanoTime();
                client.resumeQueue("default");
                if (!ExecutorRuns.awaitFinished(client, () -> true, 3600)) {
                    throw new IllegalStateException("the cluster burn-down did not finish within an hour");
                }
                double seconds = ExecutorRuns.seconds(System.nanoTime() - began);
                for (Process p : processes) {
                    p.getOutputStream().close();
                }
                List<String> summaries = new ArrayList<>();
                for (CompletableFuture<String> last : done) {
                    summaries.add(last.get(60, TimeUnit.SECONDS));
                }
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("workload", "burndown");
                result.put("database", db.description());
                result.put("nodes", nodes);
                result.put("jobs", jobs);
                result.put("warmup_jobs", warmup);
                result.put("workers_per_node", workers);
                result.put("job_ms", jobMillis);
                result.put("enqueue_jobs_per_s", Math.round(jobs / enqueueSeconds));
                result.put("burndown_jobs_per_s", Math.round(jobs / seconds));
                result.put("burndown_seconds", ExecutorRuns.round2(seconds));
                result.put("node_summaries", summaries);
                System.out.printf("burn-down on %s: %,d jobs, %d node processes of %d workers%n", db.description(),
                        jobs, nodes, workers);
                System.out.printf("  burn-down     %,10d jobs/s (%.2f s); nodes%s: %s%n", Math.round(jobs / seconds),
                        seconds, warmup > 0 ? " (their runs count the warm-up's)" : "", summaries);
                return result;
            } finally {
                for (Process p : processes) {
                    if (p.isAlive()) {
                        p.destroyForcibly();
                    }
                }
            }
        }
    }

    /**
     * The started nodes drain the {@code warmup} jobs already queued; then {@code jobs} more are enqueued into the
     * paused queue and the table is vacuumed. Returns the seconds that enqueue took.
     */
    private static double warmUp(BenchDatabase db, Hourglass client, int warmup, int jobs) throws Exception {
        long began = System.nanoTime();
        client.resumeQueue("default");
        if (!ExecutorRuns.awaitFinished(client, () -> true, 3600)) {
            throw new IllegalStateException("the nodes' warm-up did not finish within an hour");
        }
        client.pauseQueue("default");
        double enqueueSeconds = enqueue(client, jobs, warmup);
        TableFill.settle(db);
        System.out.printf("warmed up: the nodes drained %,d jobs in %.1f s (not timed)%n", warmup,
                ExecutorRuns.seconds(System.nanoTime() - began));
        return enqueueSeconds;
    }

    /** Enqueues {@code count} no-op jobs into the paused queue, arguments from {@code first}; returns the seconds. */
    private static double enqueue(Hourglass client, int count, int first) {
        return ExecutorRuns.enqueueInChunks(client, count, i -> JobRequest.of("noop").args(first + i).build());
    }

    /** One node process: starts, says READY, runs jobs until its standard input closes, says DONE and stops. */
    static Map<String, Object> node(Options options) throws Exception {
        int workers = options.integer("workers", 8);
        long jobNanos = TimeUnit.MILLISECONDS.toNanos(options.integer("job-ms", 0));
        LongAdder ran = new LongAdder();
        try (BenchDatabase db = BenchDatabase.attachPostgres(options.string("url", BenchDatabase.DEFAULT_PG_URL),
                workers + 6)) {
            Hourglass node = Hourglass.builder().store(db.store()).workerThreads(workers)
                    .nodeName(options.string("name", "bench-node"))
                    .task(BurnDown.noopTask(jobNanos, ran)).build();
            node.start();
            System.out.println("READY");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            String summary = "DONE ran=" + ran.sum() + " rss=" + ProcessMemory.rssMegabytes() + " peak_rss="
                    + ProcessMemory.peakRssMegabytes();
            node.stop(Duration.ofSeconds(10));
            System.out.println(summary);
            return Map.of("ran", ran.sum());
        }
    }

    private static void readLines(Process p, CompletableFuture<Void> ready, CompletableFuture<String> done) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("READY")) {
                        ready.complete(null);
                    } else if (line.startsWith("DONE ")) {
                        done.complete(line.substring(5));
                    }
                }
                ready.completeExceptionally(new IllegalStateException("node process " + p.pid() + " ended early"));
                done.completeExceptionally(new IllegalStateException("node process " + p.pid() + " said no DONE"));
            } catch (Exception e) {
                ready.completeExceptionally(e);
                done.completeExceptionally(e);
            }
        }, "bench-node-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static String jarPath() throws Exception {
        return Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
