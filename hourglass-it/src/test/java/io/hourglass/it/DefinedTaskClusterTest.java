package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.HourglassBuilder;
import io.hourglass.attempt.Attempt;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.queue.RankerSpec;
import io.hourglass.store.Change;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tasks defined on one node of a PostgreSQL cluster, each node with its own store as separate processes would
 * have: a node that has the executor type learns the definition through NOTIFY and runs its jobs without a
 * restart, and runs a job enqueued after a redefinition with the new definition even before it hears of it; a node that lacks the type leaves the jobs to the nodes that have it.
 */
@Tag("cluster")
@Tag("postgres")
class DefinedTaskClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Long enough that the periodic definition sync (every heartbeat, a third of the lease) cannot happen within
     * a test's waits after the start: what a node learns in the test, it learned from the notification or from
     * its re-read of the definitions of the jobs it claimed.
     */
    private static final Duration LONG_LEASE = Duration.ofMinutes(10);

    private String schema;
    private final List<Store> stores = new ArrayList<>();
    private final List<Hourglass> nodes = new ArrayList<>();

    @BeforeEach
    void freshSchema() {
        schema = TestStores.freshSchema(DefinedTaskClusterTest.class);
    }

    @AfterEach
    void stopNodesAndDropSchema() {
        nodes.forEach(node -> node.stop(Duration.ofSeconds(2)));
        stores.forEach(Store::close);
        TestStores.dropSchema(schema);
    }

    private Hourglass node(String name, Consumer<HourglassBuilder> settings) {
        return node(name, TestStores.postgresSchema(schema), settings);
    }

    private Hourglass node(String name, Store store, Consumer<HourglassBuilder> settings) {
        store.migrate();
        stores.add(store);
        HourglassBuilder builder = Hourglass.builder().store(store).nodeName(name).leaseDuration(LONG_LEASE)
                .pollInterval(Duration.ofSeconds(30));
        settings.accept(builder);
        Hourglass node = builder.build();
        nodes.add(node);
        return node;
    }

    @Test
    void nodeStartedBeforeTheDefinitionRunsItsJobsWithoutRestart() {
        RecordingExecutorType onWorker = new RecordingExecutorType("worker");
        Hourglass worker = node("worker", b -> b.workerThreads(2).executorType(onWorker));
        worker.start();
        Hourglass frontEnd = node("front-end", b -> b.workerThreads(0)
                .executorType(new RecordingExecutorType("front-end")));

        TaskDefinition saved = frontEnd.defineTask(TaskDefinition.of("greet", RecordingExecutorType.NAME,
                Map.of("greeting", "hello")).withQueue("greetings").withRanker(RankerSpec.fixed(3)), 0L);
        long id = frontEnd.enqueue(JobRequest.of("greet").build()).jobId();

        Job job = await().atMost(WAIT).until(() -> worker.job(id).orElseThrow(),
                j -> j.state() == JobState.SUCCEEDED);
        assertThat(job.queue()).isEqualTo("greetings");
        assertThat(job.priority()).isEqualTo(3);
        assertThat(onWorker.greetingsOf(id)).containsExactly("hello");
        assertThat(worker.attempts(id)).singleElement()
                .satisfies(attempt -> assertThat(attempt.owner()).isEqualTo(worker.incarnation().orElseThrow().owner()));
        assertThat(worker.tasks()).extracting(Task::name).containsExactly("greet");

        TaskDefinition changed = frontEnd.defineTask(TaskDefinition.of("greet", RecordingExecutorType.NAME,
                Map.of("greeting", "bonjour")), saved.version());
        long later = frontEnd.enqueue(JobRequest.of("greet").build()).jobId();

        await().atMost(WAIT).until(() -> worker.job(later).orElseThrow().state() == JobState.SUCCEEDED);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(onWorker.greetingsOf(later)).containsExactly("bonjour");
        await().atMost(WAIT).until(() -> onWorker.closed.contains(onWorker.ranJob(id)));
    }

    /**
     * The worker never hears of the redefinition (its TASKS change is lost and the periodic sync is minutes away),
     * yet the job enqueued after it runs with the new definition: the worker re-reads the definitions of the jobs
     * it claims before it starts them. Without that re-read this job deterministically said "hello".
     */
    @Test
    void jobEnqueuedAfterARedefinitionRunsTheNewDefinitionBeforeTheNodeHearsOfIt() {
        Hourglass frontEnd = node("front-end", b -> b.workerThreads(0)
                .executorType(new RecordingExecutorType("front-end")));
        TaskDefinition saved = frontEnd.defineTask(TaskDefinition.of("greet", RecordingExecutorType.NAME,
                Map.of("greeting", "hello")), 0L);
        PartitionableStore deaf = new PartitionableStore(TestStores.postgresSchema(schema));
        deaf.loseChanges(Change.Kind.TASKS);
        RecordingExecutorType onWorker = new RecordingExecutorType("worker");
        Hourglass worker = node("worker", deaf, b -> b.workerThreads(2).executorType(onWorker));
        worker.start();
        long first = frontEnd.enqueue(JobRequest.of("greet").build()).jobId();
        await().atMost(WAIT).until(() -> succeeded(worker, first));
        assertThat(onWorker.greetingsOf(first)).containsExactly("hello");

        frontEnd.defineTask(TaskDefinition.of("greet", RecordingExecutorType.NAME, Map.of("greeting", "bonjour")),
                saved.version());
        long later = frontEnd.enqueue(JobRequest.of("greet").build()).jobId();

        await().atMost(WAIT).until(() -> succeeded(worker, later));
        assertThat(onWorker.greetingsOf(later)).containsExactly("bonjour");
    }

    @Test
    void nodeWithoutTheExecutorTypeLeavesTheJobsToANodeThatHasIt() {
        RecordingExecutorType onA = new RecordingExecutorType("a");
        Hourglass a = node("a", b -> b.workerThreads(2).executorType(onA));
        Hourglass b = node("b", builder -> builder.workerThreads(4)
                .task(Task.of("b-only", ctx -> { }))
                .executorType(new OtherType()));
        b.start();
        a.start();

        a.defineTask(TaskDefinition.of("greet", RecordingExecutorType.NAME, Map.of("greeting", "hi")), 0L);
        List<Long> ids = IntStream.range(0, 20)
                .mapToObj(i -> a.enqueue(JobRequest.of("greet").kwargs(Map.of("n", i)).build()).jobId()).toList();
        long bJob = a.enqueue(JobRequest.of("b-only").build()).jobId();

        await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> succeeded(a, id)) && succeeded(a, bJob));
        for (long id : ids) {
            assertThat(a.attempts(id)).extracting(Attempt::owner).containsExactly(a.incarnation().orElseThrow().owner());
            assertThat(onA.greetingsOf(id)).containsExactly("hi");
        }
        assertThat(a.attempts(bJob)).extracting(Attempt::owner).containsExactly(b.incarnation().orElseThrow().owner());
        assertThat(b.tasks()).extracting(Task::name).containsExactly("b-only");
        assertThat(a.tasks()).extracting(Task::name).containsExactly("greet");
    }

    private static boolean succeeded(Hourglass node, long id) {
        return node.job(id).orElseThrow().state() == JobState.SUCCEEDED;
    }

    /** A type node b has instead of the recording one. */
    private static final class OtherType implements io.hourglass.executor.ExecutorType {
        @Override
        public String name() {
            return "other";
        }

        @Override
        public io.hourglass.executor.JobExecutor create(String taskName, io.hourglass.executor.ExecutorSettings s) {
            return ctx -> io.hourglass.executor.ExecutionResult.succeeded();
        }
    }
}
