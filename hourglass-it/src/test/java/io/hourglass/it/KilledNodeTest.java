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
import io.hourglass.task.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed with SIGKILL in the middle of its batches (a separate JVM, {@link DoomedNodeMain}, stopped by
 * {@link Process#destroyForcibly()}: no shutdown hook, no released leases, claimed jobs in its buffer, completions
 * in its completer's queue; from its 1,000th run on its handlers never return, so it surely dies holding jobs)
 * while another node works the same PostgreSQL schema. Every job still runs at least
 * once, and none completes twice: each job ends succeeded with exactly one succeeded attempt, the dead node's
 * lost attempts recorded as lease-expired {@code infra_error}s.
 */
@Tag("cluster")
@Tag("postgres")
class KilledNodeTest {
    static final String TASK = "mark";
    private static final int JOBS = 10_000;
    static final int KILL_AFTER_RUNS = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(180);

    private final List<Hourglass> nodes = new ArrayList<>();
    private final List<Store> stores = new ArrayList<>();
    private Process doomed;
    private String schema;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (doomed != null && doomed.isAlive()) {
            doomed.destroyForcibly().waitFor();
        }
        nodes.forEach(node -> node.stop(Duration.ofSeconds(2)));
        stores.forEach(Store::close);
        if (schema != null) {
            TestStores.dropSchema(schema);
        }
    }

    @Test
    void nodeKilledMidBatchLosesNoJobAndCompletesNoneTwice(@TempDir Path dir) throws Exception {
        schema = TestStores.freshSchema(KilledNodeTest.class);
        Store store = TestStores.postgres(schema);
        stores.add(store);
        Map<Long, Integer> survivorRuns = new ConcurrentHashMap<>();
        Hourglass survivor = Hourglass.builder().store(store).nodeName("survivor").workerThreads(2)
                .leaseDuration(Duration.ofSeconds(3))
                .task(Task.of(TASK, ctx -> survivorRuns.merge(ctx.jobId(), 1, Integer::sum))).build();
        nodes.add(survivor);
        List<Long> ids = enqueue(survivor);

        Path runs = dir.resolve("doomed-runs.txt");
        Path ownerFile = dir.resolve("doomed-owner.txt");
        doomed = startDoomedNode(dir, runs, ownerFile);
        await().atMost(WAIT).until(() -> Files.exists(ownerFile));
        String doomedOwner = Files.readString(ownerFile, StandardCharsets.UTF_8);
        survivor.start();
        await().atMost(WAIT).until(() -> doomedRuns(runs).size() >= KILL_AFTER_RUNS);

        doomed.destroyForcibly().waitFor();

        await().atMost(WAIT).until(() -> finished(survivor).size() == JOBS);
        List<Job> jobs = finished(survivor);
        assertThat(jobs).allSatisfy(job -> assertThat(job.state()).isEqualTo(JobState.SUCCEEDED));

        Set<Long> ran = new HashSet<>(doomedRuns(runs));
        ran.addAll(survivorRuns.keySet());
        assertThat(ran).as("jobs run at least once").containsExactlyInAnyOrderElementsOf(ids);

        int takenOver = 0;
        for (long id : ids) {
            List<Attempt> attempts = survivor.attempts(id);
            assertThat(attempts).as("attempts of job %d", id)
                    .filteredOn(attempt -> attempt.outcome() == Outcome.SUCCEEDED).hasSize(1);
            List<Attempt> lost = attempts.stream().filter(attempt -> attempt.outcome() != Outcome.SUCCEEDED).toList();
            assertThat(lost).as("lost attempts of job %d", id).allSatisfy(attempt -> {
                assertThat(attempt.outcome()).isEqualTo(Outcome.INFRA_ERROR);
                assertThat(attempt.owner()).isEqualTo(doomedOwner);
                assertThat(attempt.error()).contains("lease expired");
            });
            if (!lost.isEmpty()) {
                takenOver++;
                assertThat(attempts.get(attempts.size() - 1).owner()).isNotEqualTo(doomedOwner);
            }
        }
        assertThat(takenOver).as("jobs the killed node held when it died").isPositive();
        System.out.printf("killed node: %d runs recorded by the killed node, %d by the survivor, %d jobs taken over%n",
                doomedRuns(runs).size(), survivorRuns.size(), takenOver);
    }

    private static List<Long> enqueue(Hourglass client) {
        List<Long> ids = new ArrayList<>(JOBS);
        for (int from = 0; from < JOBS; from += 1000) {
            List<JobRequest> chunk = IntStream.range(from, from + 1000)
                    .mapToObj(i -> JobRequest.of(TASK).kwargs(Map.of("n", i)).build()).toList();
            client.enqueueAll(chunk).stream().map(EnqueueResult::jobId).forEach(ids::add);
        }
        return ids;
    }

    private Process startDoomedNode(Path dir, Path runs, Path ownerFile) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DoomedNodeMain.class.getName(), schema, runs.toString(), ownerFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("doomed-node.log").toFile()).start();
    }

    private static List<Long> doomedRuns(Path runs) throws IOException {
        if (!Files.exists(runs)) {
            return List.of();
        }
        return Files.readAllLines(runs, StandardCharsets.UTF_8).stream().filter(line -> !line.isEmpty())
                .map(Long::parseLong).toList();
    }

    private static List<Job> finished(Hourglass node) {
        List<Job> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Job> page = node.jobs(JobQuery.all().withStates(Set.of(JobState.SUCCEEDED, JobState.FAILED,
                    JobState.CANCELLED)).withCursor(cursor).withLimit(JobQuery.MAX_LIMIT));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}
