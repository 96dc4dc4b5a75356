package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.schedule.Matrix;
import io.hourglass.schedule.Schedule;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two nodes planning the same matrix schedule on one PostgreSQL schema, each with its own pool as separate
 * processes would have: every (fire time, combination) gets exactly one job, and each job runs once.
 */
@Tag("cluster")
@Tag("postgres")
class MatrixClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private String schema;
    private final List<Store> stores = new ArrayList<>();
    private final List<Hourglass> nodes = new ArrayList<>();

    @BeforeEach
    void freshSchema() {
        schema = TestStores.freshSchema(MatrixClusterTest.class);
    }

    @AfterEach
    void stopNodesAndDropSchema() {
        nodes.forEach(node -> node.stop(Duration.ofSeconds(2)));
        stores.forEach(Store::close);
        TestStores.dropSchema(schema);
    }

    private Hourglass node(String name, Task task) {
        Store store = TestStores.postgresSchema(schema);
        store.migrate();
        stores.add(store);
        Hourglass node = Hourglass.builder().store(store).nodeName(name).workerThreads(4)
                .pollInterval(Duration.ofMillis(100)).task(task).build();
        nodes.add(node);
        node.start();
        return node;
    }

    @Test
    void twoNodesFiringAMatrixScheduleCreateEachCellOfEachFireExactlyOnce() {
        Map<Long, AtomicInteger> executions = new ConcurrentHashMap<>();
        Task check = Task.of("login-check", ctx -> executions.computeIfAbsent(ctx.jobId(), id -> new AtomicInteger())
                .incrementAndGet());
        Hourglass a = node("node-a", check);
        node("node-b", check);
        Matrix matrix = Matrix.fromMap(Map.of("partner", List.of("acme", "globex", "initech", "hooli"),
                "browser", List.of("chrome", "firefox", "edge", "safari")));

        a.createSchedule(Schedule.builder("grid").task("login-check").every(Duration.ofMillis(200)).matrix(matrix)
                .build());
        await().atMost(WAIT).until(() -> a.schedule("grid").orElseThrow().runCount() >= 16 * 8);
        a.disableSchedule("grid");

        List<Job> jobs = a.jobs(JobQuery.all().withScheduleName("grid").withLimit(1000)).items();
        assertThat(jobs).hasSizeLessThan(1000); // all of them on one page
        Map<Instant, Long> cellsPerFire = jobs.stream().collect(Collectors.groupingBy(Job::fireAt, Collectors.counting()));
        assertThat(cellsPerFire).hasSizeGreaterThanOrEqualTo(8);
        assertThat(cellsPerFire.values()).allMatch(n -> n == 16);
        assertThat(jobs.stream().map(j -> j.fireAt() + " " + j.kwargs()).distinct()).hasSize(jobs.size());
        await().atMost(WAIT).until(() -> jobs.stream().allMatch(j -> executions.containsKey(j.id())));
        assertThat(executions.values()).allMatch(n -> n.get() == 1);
        assertThat(a.schedule("grid").orElseThrow().runCount()).isEqualTo(jobs.size());
    }
}
