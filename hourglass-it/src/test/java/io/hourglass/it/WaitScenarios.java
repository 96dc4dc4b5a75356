package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.UnknownTaskException;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.job.OverdueJob;
import io.hourglass.queue.QueueConfig;
import io.hourglass.schedule.Schedule;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Jobs that would wait forever in silence: a job or schedule of a task nothing runs is refused unless the request
 * says it means it, and the overdue view says why each job waits.
 */
abstract class WaitScenarios extends EngineTestSupport {

    @Test
    void enqueueOfUnknownTaskIsRefusedNamingTheTask() {
        String task = unique("nobody-runs");
        Hourglass client = node(b -> b.workerThreads(0));

        assertThatThrownBy(() -> client.enqueue(JobRequest.of(task).build()))
                .isInstanceOfSatisfying(UnknownTaskException.class, e -> {
                    assertThat(e.field()).isEqualTo("task");
                    assertThat(e.task()).isEqualTo(task);
                })
                .hasMessageContaining("'" + task + "'").hasMessageContaining("allowUnknownTask");
        assertThat(client.jobs(JobQuery.all().withTask(task)).items()).isEmpty();
    }

    @Test
    void enqueueOfUnknownTaskIsAcceptedWhenTheRequestAllowsIt() {
        String task = unique("remote-only");
        Hourglass client = node(b -> b.workerThreads(0));

        assertThat(client.enqueue(JobRequest.of(task).allowUnknownTask(true).build()).created()).isTrue();
    }

    @Test
    void bulkEnqueueWithOneUnknownTaskInsertsNothing() {
        String known = unique("known");
        String unknown = unique("unknown");
        Hourglass client = node(b -> b.workerThreads(0).task(Task.of(known, ctx -> { })));

        assertThatThrownBy(() -> client.enqueueAll(List.of(JobRequest.of(known).build(),
                JobRequest.of(unknown).build()))).isInstanceOf(UnknownTaskException.class);
        assertThat(client.jobs(JobQuery.all().withTask(known)).items()).isEmpty();
    }

    @Test
    void enqueueOfTaskInCodeOnAnotherNodeIsAccepted() {
        String task = unique("worker-code");
        started(b -> b.workerThreads(1).task(Task.of(task, ctx -> { })));
        Hourglass client = node(b -> b.workerThreads(0));

        long id = client.enqueue(JobRequest.of(task).build()).jobId();

        awaitState(client, id, JobState.SUCCEEDED);
    }

    @Test
    void clientNodeAcceptsTaskDefinedAMomentAgoOnAnotherNode() {
        String task = unique("defined");
        Hourglass client = node(b -> b.workerThreads(0));
        client.enqueue(JobRequest.of(unique("warm-up")).allowUnknownTask(true).build()); // its definitions are read
        Hourglass admin = node(b -> b.workerThreads(0).executorType(new RecordingExecutorType("admin")));

        admin.defineTask(TaskDefinition.of(task, RecordingExecutorType.NAME, Map.of("greeting", "hi")), 0L);

        assertThat(client.enqueue(JobRequest.of(task).build()).created()).isTrue();
    }

    @Test
    void scheduleOfUnknownTaskIsRefusedUnlessItAllowsIt() {
        String task = unique("no-such-task");
        Hourglass client = node(b -> b.workerThreads(0));
        Schedule.Builder schedule = Schedule.builder(unique("orphan-schedule")).task(task).every(Duration.ofHours(1));

        assertThatThrownBy(() -> client.createSchedule(schedule.build()))
                .isInstanceOfSatisfying(UnknownTaskException.class, e -> assertThat(e.field()).isEqualTo("task"));
        Schedule created = client.createSchedule(schedule.allowUnknownTask(true).build());
        assertThat(created.allowUnknownTask()).isTrue();
        assertThatThrownBy(() -> client.updateSchedule(created.toBuilder().allowUnknownTask(false).build()))
                .isInstanceOf(UnknownTaskException.class);
        assertThat(client.schedule(created.name()).orElseThrow().allowUnknownTask()).isTrue();
    }

    @Test
    void overdueSaysWhyEachJobWaits() {
        String task = unique("slow");
        String limited = unique("limited");
        String open = unique("open");
        String paused = unique("paused");
        CountDownLatch release = new CountDownLatch(1);
        Hourglass node = started(b -> b.workerThreads(1).prefetch(0).task(Task.of(task, ctx -> release.await())));
        node.configureQueue(new QueueConfig(limited, 1, false, null, null));
        node.pauseQueue(paused);
        long running = node.enqueue(JobRequest.of(task).queue(limited).build()).jobId();
        awaitState(node, running, JobState.RUNNING);
        Instant past = Instant.now().minusSeconds(60);
        long atLimit = node.enqueue(JobRequest.of(task).queue(limited).at(past).build()).jobId();
        long justDue = node.enqueue(JobRequest.of(task).queue(open).at(past).build()).jobId();
        long inPausedQueue = node.enqueue(JobRequest.of(task).queue(paused).at(past).build()).jobId();
        String orphanTask = unique("orphan");
        long orphan = node.enqueue(JobRequest.of(orphanTask).queue(open).at(past).allowUnknownTask(true).build())
                .jobId();

        Map<Long, OverdueJob> overdue = node.overdue(1000).stream()
                .collect(Collectors.toMap(waiting -> waiting.job().id(), waiting -> waiting));

        assertThat(overdue.get(atLimit).reason()).isEqualTo(OverdueJob.Reason.QUEUE_AT_LIMIT);
        assertThat(overdue.get(atLimit).because()).contains(limited, "1");
        assertThat(overdue.get(justDue).reason()).isEqualTo(OverdueJob.Reason.JUST_DUE);
        assertThat(overdue.get(inPausedQueue).reason()).isEqualTo(OverdueJob.Reason.QUEUE_PAUSED);
        assertThat(overdue.get(inPausedQueue).because()).contains(paused);
        assertThat(overdue.get(orphan).reason()).isEqualTo(OverdueJob.Reason.NO_NODE_RUNS_TASK);
        assertThat(overdue.get(orphan).because()).contains(orphanTask);
        release.countDown();
        await().atMost(WAIT).until(() -> node.job(justDue).orElseThrow().state() == JobState.SUCCEEDED);
    }
}
