package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hourglass.ConflictException;
import io.hourglass.Hourglass;
import io.hourglass.NotFoundException;
import io.hourglass.QueueFullException;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.queue.QueueConfig;
import io.hourglass.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Enqueue, dedup, timing and ordering of jobs, end to end through a node and a real store. */
abstract class JobScenarios extends EngineTestSupport {

    @Test
    void handlerRunsWithArgsAndKwargs() {
        String task = unique("greet");
        Map<Long, String> seen = new ConcurrentHashMap<>();
        Hourglass node = started(b -> b.task(Task.of(task,
                ctx -> seen.put(ctx.jobId(), ctx.args() + " " + ctx.kwargs()))));

        long id = node.enqueue(JobRequest.of(task).args(List.of("ada", "lovelace"))
                .kwargs(Map.of("greeting", "hello")).build()).jobId();

        awaitState(node, id, JobState.SUCCEEDED);
        assertThat(seen).containsEntry(id, "[ada, lovelace] {greeting=hello}");
        List<Attempt> attempts = node.attempts(id);
        assertThat(attempts).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(attempt.owner()).isEqualTo(node.incarnation().orElseThrow().owner());
        });
    }

    @Test
    void duplicateDedupKeyReturnsExistingJob() {
        String task = unique("scrape");
        Hourglass client = node(b -> b.workerThreads(0).task(Task.of(task, ctx -> { })));

        EnqueueResult first = client.enqueue(JobRequest.of(task).dedupKey("account:42").build());
        EnqueueResult second = client.enqueue(JobRequest.of(task).dedupKey("account:42").build());

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.jobId()).isEqualTo(first.jobId());
    }

    @Test
    void bulkEnqueueCreatesEveryJobInRequestOrder() {
        String task = unique("bulk");
        Map<Long, Integer> ran = new ConcurrentHashMap<>();
        Hourglass node = started(b -> b.task(Task.of(task,
                ctx -> ran.merge(ctx.jobId(), 1, Integer::sum))));
        List<JobRequest> requests = IntStream.range(0, 50)
                .mapToObj(i -> JobRequest.of(task).kwargs(Map.of("n", i)).build()).toList();

        List<EnqueueResult> results = node.enqueueAll(requests);

        assertThat(results).hasSize(50).allMatch(EnqueueResult::created);
        assertThat(results.stream().map(EnqueueResult::jobId).toList()).doesNotHaveDuplicates();
        await().atMost(WAIT).untilAsserted(() -> assertThat(ran).hasSize(50));
        assertThat(ran.values()).containsOnly(1);
        assertThat(node.job(results.get(7).jobId()).orElseThrow().kwargs()).containsEntry("n", 7);
    }

    @Test
    void delayedAndTimedJobsDoNotStartBeforeTheirDueTime() {
        String task = unique("later");
        Map<Long, Instant> startedAt = new ConcurrentHashMap<>();
        Hourglass node = started(b -> b.task(Task.of(task,
                ctx -> startedAt.put(ctx.jobId(), Instant.now()))));
        Instant at = Instant.now().plusMillis(400).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        long delayed = node.enqueue(JobRequest.of(task).delay(Duration.ofMillis(300)).build()).jobId();
        long timed = node.enqueue(JobRequest.of(task).at(at).build()).jobId();

        Job delayedJob = awaitState(node, delayed, JobState.SUCCEEDED);
        awaitState(node, timed, JobState.SUCCEEDED);
        assertThat(startedAt.get(delayed)).isAfterOrEqualTo(delayedJob.dueAt());
        assertThat(startedAt.get(timed)).isAfterOrEqualTo(at);
        assertThat(node.job(timed).orElseThrow().dueAt()).isEqualTo(at);
    }

    @Test
    void higherPriorityRunsFirstWithinQueue() {
        String task = unique("ranked");
        List<Integer> order = new CopyOnWriteArrayList<>();
        Hourglass node = node(b -> b.workerThreads(1).task(Task.of(task, ctx -> order.add(ctx.priority()))));
        for (int priority : new int[] {1, 5, 3, 9, 2}) {
            node.enqueue(JobRequest.of(task).priority(priority).build());
        }

        node.start();

        await().atMost(WAIT).untilAsserted(() -> assertThat(order).hasSize(5));
        assertThat(order).containsExactly(9, 5, 3, 2, 1);
    }

    @Test
    void queueFullRefusesEnqueueUnlessPriorityBypasses() {
        String task = unique("bounded");
        String queue = unique("small");
        Hourglass client = node(b -> b.workerThreads(0).task(Task.of(task, ctx -> { })));
        client.configureQueue(QueueConfig.unlimited(queue).withMaxSize(2, 10));
        client.enqueue(JobRequest.of(task).queue(queue).build());
        client.enqueue(JobRequest.of(task).queue(queue).build());

        assertThatThrownBy(() -> client.enqueue(JobRequest.of(task).queue(queue).priority(9).build()))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining(queue).hasMessageContaining("2");
        assertThat(client.enqueue(JobRequest.of(task).queue(queue).priority(10).build()).created()).isTrue();
    }

    @Test
    void overdueListsDueJobsThatNobodyClaimed() {
        String task = unique("orphan");
        Hourglass client = node(b -> b.workerThreads(0));
        long overdue = client.enqueue(JobRequest.of(task).at(Instant.now().minusSeconds(60)).allowUnknownTask(true)
                .build()).jobId();
        long future = client.enqueue(JobRequest.of(task).delay(Duration.ofHours(1)).allowUnknownTask(true).build())
                .jobId();

        List<Long> ids = new ArrayList<>();
        client.overdue(1000).forEach(waiting -> ids.add(waiting.job().id()));

        assertThat(ids).contains(overdue).doesNotContain(future);
    }

    @Test
    void runNowStartsAJobDueInAnHourPromptly() {
        String task = unique("deferred");
        Hourglass node = started(b -> b.task(Task.of(task, ctx -> { })));
        long later = node.enqueue(JobRequest.of(task).delay(Duration.ofHours(1)).build()).jobId();
        Instant before = Instant.now();

        Job madeDue = node.runNow(later);

        assertThat(madeDue.state()).isIn(JobState.SCHEDULED, JobState.RUNNING, JobState.SUCCEEDED);
        assertThat(madeDue.dueAt()).isBetween(before.minusMillis(1), Instant.now());
        Job done = awaitState(node, later, JobState.SUCCEEDED);
        assertThat(done.dueAt()).isEqualTo(madeDue.dueAt());
        assertThat(done.attempts()).isEqualTo(1);
    }

    @Test
    void runNowRefusesRunningAndFinishedJobsAndNamesUnknownOnes() {
        String task = unique("busy");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Hourglass node = started(b -> b.task(Task.of(task, ctx -> {
            started.countDown();
            release.await();
        })));
        long id = node.enqueue(JobRequest.of(task).build()).jobId();
        await().atMost(WAIT).until(() -> started.getCount() == 0);

        assertThatThrownBy(() -> node.runNow(id)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("job " + id).hasMessageContaining("running");
        release.countDown();
        awaitState(node, id, JobState.SUCCEEDED);
        assertThatThrownBy(() -> node.runNow(id)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("succeeded");
        assertThatThrownBy(() -> node.runNow(id + 1_000_000)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(Long.toString(id + 1_000_000));
    }

    @Test
    void runNowOfAJobAlreadyDueChangesNothing() {
        String task = unique("waiting");
        Hourglass client = node(b -> b.workerThreads(0).task(Task.of(task, ctx -> { })));
        Instant past = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        long id = client.enqueue(JobRequest.of(task).at(past).build()).jobId();

        Job job = client.runNow(id);

        assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(job.dueAt()).isEqualTo(past);
    }
}
