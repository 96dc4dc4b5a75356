package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.job.Page;
import io.hourglass.store.Store;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Several nodes on one PostgreSQL schema, each with its own connection pool as separate processes would have:
 * every job runs exactly once, and a node that stops heartbeating loses its job to another node.
 */
@Tag("cluster")
@Tag("postgres")
class ClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int JOBS = 10_000;

    private String schema;
    private final List<Store> stores = new ArrayList<>();
    private final List<Hourglass> nodes = new ArrayList<>();

    @BeforeEach
    void freshSchema() {
        schema = TestStores.freshSchema(ClusterTest.class);
    }

    @AfterEach
    void stopNodesAndDropSchema() {
        nodes.forEach(node -> node.stop(Duration.ofSeconds(2)));
        stores.forEach(Store::close);
        TestStores.dropSchema(schema);
    }

    private Store store() {
        Store store = TestStores.postgresSchema(schema);
        store.migrate();
        stores.add(store);
        return store;
    }

    private Hourglass node(Store store, String name, int workers, Duration lease, Task task) {
        Hourglass node = Hourglass.builder().store(store).nodeName(name).workerThreads(workers)
                .leaseDuration(lease).task(task).build();
        nodes.add(node);
        node.start();
        return node;
    }

    @Test
    void threeNodesRunTenThousandJobsEachExactlyOnce() {
        Map<Long, AtomicInteger> executions = new ConcurrentHashMap<>();
        Task count = Task.of("count", ctx -> executions.computeIfAbsent(ctx.jobId(), id -> new AtomicInteger())
                .incrementAndGet());
        Hourglass first = node(store(), "node-a", 8, Duration.ofSeconds(30), count);
        node(store(), "node-b", 8, Duration.ofSeconds(30), count);
        node(store(), "node-c", 8, Duration.ofSeconds(30), count);

        long startNanos = System.nanoTime();
        List<Long> ids = new ArrayList<>(JOBS);
        for (int from = 0; from < JOBS; from += 1000) {
            List<JobRequest> chunk = IntStream.range(from, from + 1000)
                    .mapToObj(i -> JobRequest.of("count").kwargs(Map.of("n", i)).build()).toList();
            first.enqueueAll(chunk).stream().map(EnqueueResult::jobId).forEach(ids::add);
        }
        long enqueuedNanos = System.nanoTime();
        await().atMost(WAIT).until(() -> executions.size() == JOBS);
        long ranNanos = System.nanoTime();
        System.out.printf("cluster: %d jobs enqueued in %d ms (%.0f jobs/s); all ran %d ms after the first enqueue"
                        + " (%.0f jobs/s end to end across 3 nodes)%n", JOBS, (enqueuedNanos - startNanos) / 1_000_000,
                JOBS / ((enqueuedNanos - startNanos) / 1e9), (ranNanos - startNanos) / 1_000_000,
                JOBS / ((ranNanos - startNanos) / 1e9));

        assertThat(executions.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(executions.values()).allMatch(n -> n.get() == 1);
        await().atMost(WAIT).until(() -> allSucceeded(first, ids.size()));
        List<Job> jobs = allJobs(first);
        assertThat(jobs).hasSize(JOBS).allMatch(job -> job.state() == JobState.SUCCEEDED && job.attempts() == 1);
        Map<String, Integer> perNode = new java.util.TreeMap<>();
        for (long id : ids) {
            List<Attempt> attempts = first.attempts(id);
            assertThat(attempts).singleElement()
                    .satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo(Outcome.SUCCEEDED));
            perNode.merge(attempts.get(0).owner(), 1, Integer::sum);
        }
        System.out.println("cluster: attempts per node " + perNode);
    }

    @Test
    void jobOfNodeThatStopsHeartbeatingIsRerunByAnotherNode() {
        RetryPolicy fast = RetryPolicy.DEFAULT.withDelays(Duration.ofMillis(10), 2.0, Duration.ofMillis(50));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch hungStarted = new CountDownLatch(1);
        Map<String, AtomicInteger> ranOn = new ConcurrentHashMap<>();
        PartitionableStore hungStore = new PartitionableStore(store());
        Hourglass hung = node(hungStore, "hung", 1, Duration.ofSeconds(1),
                Task.builder("report").retryPolicy(fast).handler(ctx -> {
                    ranOn.computeIfAbsent("hung", k -> new AtomicInteger()).incrementAndGet();
                    hungStarted.countDown();
                    release.await();
                }).build());
        long id = hung.enqueue(JobRequest.of("report").build()).jobId();
        await().atMost(WAIT).until(() -> hungStarted.getCount() == 0);

        hungStore.cutHeartbeats(true);
        Hourglass healthy = node(store(), "healthy", 2, Duration.ofSeconds(1),
                Task.builder("report").retryPolicy(fast)
                        .handler(ctx -> ranOn.computeIfAbsent("healthy", k -> new AtomicInteger()).incrementAndGet())
                        .build());

        Job job = await().atMost(WAIT).until(() -> healthy.job(id).orElseThrow(),
                j -> j.state() == JobState.SUCCEEDED);
        assertThat(job.owner() == null || job.owner().equals(healthy.incarnation().orElseThrow().owner())).isTrue();
        List<Attempt> attempts = healthy.attempts(id);
        assertThat(attempts).extracting(Attempt::outcome).containsExactly(Outcome.INFRA_ERROR, Outcome.SUCCEEDED);
        assertThat(attempts.get(0).owner()).isEqualTo(hung.incarnation().orElseThrow().owner());
        assertThat(attempts.get(0).error()).contains("lease expired", "'hung#");
        assertThat(attempts.get(1).owner()).isEqualTo(healthy.incarnation().orElseThrow().owner());

        hungStore.cutHeartbeats(false);
        release.countDown();

        await().atMost(WAIT).until(() -> !hungStore.refusedCompletions().isEmpty());
        assertThat(hungStore.refusedCompletions()).singleElement().satisfies(refused -> {
            assertThat(refused.jobId()).isEqualTo(id);
            assertThat(refused.owner()).isEqualTo(hung.incarnation().orElseThrow().owner());
            assertThat(refused.attempt()).isEqualTo(1);
        });
        assertThat(healthy.attempts(id)).hasSize(2);
        assertThat(ranOn.get("hung")).hasValue(1);
        assertThat(ranOn.get("healthy")).hasValue(1);
    }

    @Test
    void cancelOnOneNodeStopsTheJobRunningOnAnother() {
        CountDownLatch started = new CountDownLatch(1);
        Hourglass runner = node(store(), "runner", 2, Duration.ofSeconds(30), Task.of("scan", ctx -> {
            started.countDown();
            while (!ctx.isCancellationRequested()) {
                try {
                    new CountDownLatch(1).await(5, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException stopRequested) {
                    // the loop condition says why
                }
            }
        }));
        Hourglass frontEnd = Hourglass.builder().store(store()).nodeName("front-end").workerThreads(0).build();
        long id = frontEnd.enqueue(JobRequest.of("scan").build()).jobId();
        await().atMost(WAIT).until(() -> started.getCount() == 0);

        assertThat(frontEnd.cancel(id)).isEqualTo(io.hourglass.job.CancelResult.CANCELLATION_REQUESTED);

        Job job = await().atMost(WAIT).until(() -> runner.job(id).orElseThrow(), j -> j.state() == JobState.CANCELLED);
        assertThat(job.lastOutcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(runner.attempts(id)).singleElement()
                .satisfies(attempt -> assertThat(attempt.owner()).isEqualTo(runner.incarnation().orElseThrow().owner()));
    }

    @Test
    void scheduleCreatedOnClientNodeIsFiredByWorkerNode() {
        AtomicInteger runs = new AtomicInteger();
        node(store(), "worker", 2, Duration.ofSeconds(30), Task.of("tick", ctx -> runs.incrementAndGet()));
        Hourglass frontEnd = Hourglass.builder().store(store()).nodeName("front-end").workerThreads(0).build();

        frontEnd.createSchedule(io.hourglass.schedule.Schedule.builder("ticker").task("tick")
                .every(Duration.ofMillis(200)).build());

        await().atMost(WAIT).until(() -> runs.get() >= 3);
        assertThat(frontEnd.schedule("ticker").orElseThrow().runCount()).isGreaterThanOrEqualTo(3);
    }

    private static boolean allSucceeded(Hourglass node, int expected) {
        return allJobs(node).stream().filter(job -> job.state() == JobState.SUCCEEDED).count() == expected;
    }

    private static List<Job> allJobs(Hourglass node) {
        List<Job> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Job> page = node.jobs(JobQuery.all().withCursor(cursor).withLimit(JobQuery.MAX_LIMIT));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}
