package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hourglass.ConflictException;
import io.hourglass.Hourglass;
import io.hourglass.InvalidRequestException;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.queue.RankerSpec;
import io.hourglass.schedule.Schedule;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tasks defined at runtime, end to end through a node and a real store: run, redefine, refuse, delete. */
abstract class TaskDefinitionScenarios extends EngineTestSupport {

    private static TaskDefinition greeting(String task, String greeting) {
        return TaskDefinition.of(task, RecordingExecutorType.NAME, Map.of("greeting", greeting));
    }

    @Test
    void definedTaskRunsOnTheNodeWithItsQueueAndRankerPriority() {
        String task = unique("greet");
        String queue = unique("greetings");
        RecordingExecutorType type = new RecordingExecutorType("solo");
        Hourglass node = started(b -> b.executorType(type));

        TaskDefinition saved = node.defineTask(greeting(task, "hello").withQueue(queue)
                .withRanker(RankerSpec.fixed(7)), 0L);
        long id = node.enqueue(JobRequest.of(task).build()).jobId();

        assertThat(saved.version()).isEqualTo(1);
        assertThat(node.tasks()).extracting(Task::name).contains(task);
        assertThat(node.taskDefinition(task)).contains(saved);
        assertThat(node.taskDefinitions()).extracting(TaskDefinition::name).contains(task);
        Job job = awaitState(node, id, JobState.SUCCEEDED);
        assertThat(job.queue()).isEqualTo(queue);
        assertThat(job.priority()).isEqualTo(7);
        assertThat(type.greetingsOf(id)).containsExactly("hello");
        assertThat(node.attempts(id)).singleElement().satisfies(a -> assertThat(a.output()).isEqualTo("hello"));
    }

    @Test
    void redefinedTaskRunsLaterJobsWithTheNewSettingsAndClosesTheOldExecutorOnceIdle() {
        String task = unique("versioned");
        RecordingExecutorType type = new RecordingExecutorType("solo");
        Hourglass node = started(b -> b.workerThreads(4).executorType(type));
        node.defineTask(greeting(task, "one"), null);
        long held = node.enqueue(JobRequest.of(task).kwargs(Map.of("hold", true)).build()).jobId();
        await().atMost(WAIT).until(() -> type.ranJob(held) != null);
        RecordingExecutorType.Built first = type.ranJob(held);

        TaskDefinition second = node.defineTask(greeting(task, "two"), 1L);
        long later = node.enqueue(JobRequest.of(task).build()).jobId();

        assertThat(second.version()).isEqualTo(2);
        awaitState(node, later, JobState.SUCCEEDED);
        assertThat(type.greetingsOf(later)).containsExactly("two");
        assertThat(type.closed).as("the old executor is still busy with job %d", held).doesNotContain(first);

        type.release();

        awaitState(node, held, JobState.SUCCEEDED);
        assertThat(type.greetingsOf(held)).containsExactly("one");
        await().atMost(WAIT).until(() -> type.closed.contains(first));
        assertThat(type.closed).doesNotContain(type.ranJob(later));
        assertThat(type.closedOf(task)).as("each executor closed once").doesNotHaveDuplicates();
        assertThat(node.taskDefinition(task).orElseThrow().settings()).containsEntry("greeting", "two");
    }

    @Test
    void definitionsTheNodeCannotBuildOrThatClashWithCodeAreRefusedAndNotStored() {
        String inCode = unique("in-code");
        RecordingExecutorType type = new RecordingExecutorType("solo");
        Hourglass node = node(b -> b.task(Task.of(inCode, ctx -> { })).executorType(type));
        String unknownExecutor = unique("boxed");
        String badSetting = unique("typo");
        String missingSetting = unique("bare");

        assertThatThrownBy(() -> node.defineTask(TaskDefinition.of(unknownExecutor, "container",
                Map.of("image", "alpine")), null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("executor"))
                .hasMessageContaining("container").hasMessageContaining(RecordingExecutorType.NAME);
        assertThatThrownBy(() -> node.defineTask(TaskDefinition.of(badSetting, RecordingExecutorType.NAME,
                Map.of("greeting", "hi", "x", 1)), null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("settings.x"));
        assertThatThrownBy(() -> node.defineTask(TaskDefinition.of(missingSetting, RecordingExecutorType.NAME,
                Map.of()), null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("settings.greeting"));
        assertThatThrownBy(() -> node.defineTask(greeting(inCode, "hi"), null))
                .isInstanceOf(ConflictException.class).hasMessageContaining(inCode).hasMessageContaining("in code");

        for (String name : new String[] {unknownExecutor, badSetting, missingSetting, inCode}) {
            assertThat(store.findTaskDefinition(name)).as(name).isEmpty();
        }
        assertThat(node.tasks()).extracting(Task::name).contains(inCode)
                .doesNotContain(unknownExecutor, badSetting, missingSetting);
    }

    @Test
    void deleteIsRefusedWhileAScheduleOrAScheduledJobNeedsTheTaskAndTheNodeStopsClaimingAfter() {
        String task = unique("doomed");
        String control = unique("control");
        RecordingExecutorType type = new RecordingExecutorType("solo");
        Hourglass node = started(b -> b.task(Task.of(control, ctx -> { })).executorType(type));
        node.defineTask(greeting(task, "bye"), null);
        String schedule = unique("hourly");
        node.createSchedule(Schedule.builder(schedule).task(task).every(Duration.ofHours(1))
                .startAt(Instant.now().plus(Duration.ofHours(1))).build());

        assertThatThrownBy(() -> node.deleteTask(task)).isInstanceOf(ConflictException.class)
                .hasMessageContaining(schedule);
        node.deleteSchedule(schedule);
        long waiting = node.enqueue(JobRequest.of(task).delay(Duration.ofHours(1)).build()).jobId();
        assertThatThrownBy(() -> node.deleteTask(task)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("scheduled or running jobs");
        assertThat(store.findTaskDefinition(task)).isPresent();

        node.cancel(waiting);
        assertThat(node.deleteTask(task)).isTrue();

        assertThat(node.deleteTask(task)).isFalse();
        assertThat(node.taskDefinition(task)).isEmpty();
        assertThat(node.tasks()).extracting(Task::name).doesNotContain(task);
        assertThatThrownBy(() -> node.enqueue(JobRequest.of(task).build()))
                .isInstanceOf(io.hourglass.UnknownTaskException.class);
        long orphan = node.enqueue(JobRequest.of(task).allowUnknownTask(true).build()).jobId();
        long controlJob = node.enqueue(JobRequest.of(control).build()).jobId();
        awaitState(node, controlJob, JobState.SUCCEEDED);
        assertThat(node.job(orphan).orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(type.runs).noneMatch(run -> run.task().equals(task));
        assertThat(type.builtOf(task)).isNotEmpty();
        assertThat(type.closedOf(task)).as("every executor built for the task, closed once")
                .containsExactlyInAnyOrderElementsOf(type.builtOf(task));
    }

    /**
     * This node's heartbeat row still lists a task deleted after that beat (a beat can fall between the define and
     * the delete, e.g. one a cancel's notification asked for): the node's own registry, not its row, says the task
     * is gone. Staged by writing the row as that beat would have; the lease is long, so no real beat rewrites it.
     */
    @Test
    void deletedTaskIsUnknownWhileThisNodesLastHeartbeatStillListsIt() {
        String task = unique("deleted");
        Hourglass node = started(b -> b.leaseDuration(Duration.ofMinutes(3))
                .executorType(new RecordingExecutorType("beaten")));
        node.defineTask(greeting(task, "hi"), null);
        assertThat(node.deleteTask(task)).isTrue();
        Instant now = Instant.now();
        store.heartbeat(node.incarnation().orElseThrow(), Set.of(task), now, now.plus(Duration.ofMinutes(3)));

        assertThatThrownBy(() -> node.enqueue(JobRequest.of(task).build()))
                .isInstanceOf(io.hourglass.UnknownTaskException.class);
    }
}
