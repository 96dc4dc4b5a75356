package io.hourglass.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hourglass.ConflictException;
import io.hourglass.Hourglass;
import io.hourglass.NotFoundException;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleSpec;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tasks defined at runtime on a running node, on the in-memory store (hourglass-it runs H2 and PostgreSQL). */
class DefinedTasksTest {
    private final InMemoryStore store = new InMemoryStore();
    private final TaskRegistryTest.GreetingType type = new TaskRegistryTest.GreetingType();
    private final Hourglass node = Hourglass.builder().store(store).nodeName("node-a")
            .pollInterval(Duration.ofMillis(100)).task(Task.of("in-code", ctx -> { })).executorType(type).build();

    @AfterEach
    void stop() {
        node.stop(Duration.ofSeconds(1));
    }

    private String outputOf(long jobId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> node.job(jobId).orElseThrow().state() == JobState.SUCCEEDED);
        return node.attempts(jobId).get(0).output();
    }

    @Test
    void aDefinedTaskRunsWithoutARestartAndARedefinitionTakesOverForLaterJobs() {
        node.start();
        TaskDefinition saved = node.defineTask(TaskDefinition.of("hello", "greeting", Map.of("greeting", "hi")), 0L);
        assertThat(saved.version()).isEqualTo(1);
        assertThat(outputOf(node.enqueue(JobRequest.of("hello").build()).jobId())).isEqualTo("hi");

        node.defineTask(TaskDefinition.of("hello", "greeting", Map.of("greeting", "hello")), 1L);

        assertThat(outputOf(node.enqueue(JobRequest.of("hello").build()).jobId())).isEqualTo("hello");
        assertThat(type.closed).containsExactly("hi");
    }

    @Test
    void aStaleVersionIsRefusedAndChangesNothing() {
        node.defineTask(TaskDefinition.of("hello", "greeting", Map.of("greeting", "hi")), null);

        assertThatThrownBy(() -> node.defineTask(
                TaskDefinition.of("hello", "greeting", Map.of("greeting", "x")), 0L))
                .isInstanceOf(ConflictException.class);

        assertThat(node.taskDefinition("hello").orElseThrow().settings()).containsEntry("greeting", "hi");
        assertThat(type.closed).containsExactly("x"); // built to check it, then dropped
    }

    @Test
    void deleteIsRefusedWhileSchedulesOrJobsNeedTheTask() {
        node.defineTask(TaskDefinition.of("hello", "greeting", Map.of("greeting", "hi")), null);
        node.createSchedule(Schedule.builder("hourly").task("hello").spec(ScheduleSpec.cron("0 * * * *", java.time.ZoneOffset.UTC)).build());
        assertThatThrownBy(() -> node.deleteTask("hello")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("used by schedules [hourly]");

        node.deleteSchedule("hourly");
        long waiting = node.enqueue(JobRequest.of("hello").build()).jobId();
        assertThatThrownBy(() -> node.deleteTask("hello")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("scheduled or running jobs");

        node.cancel(waiting);
        assertThat(node.deleteTask("hello")).isTrue();
        assertThat(node.deleteTask("hello")).isFalse();
        assertThat(node.tasks()).extracting(Task::name).containsExactly("in-code");
        assertThatThrownBy(() -> node.deleteTask("in-code")).isInstanceOf(ConflictException.class);
    }

    @Test
    void runNowMakesAScheduledJobDueAtOnce() {
        node.start();
        long later = node.enqueue(JobRequest.of("in-code").delay(Duration.ofHours(1)).build()).jobId();

        Instant before = Instant.now();
        assertThat(node.runNow(later).dueAt()).isBetween(before.minusSeconds(1), Instant.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> node.job(later).orElseThrow().state() == JobState.SUCCEEDED);
        assertThatThrownBy(() -> node.runNow(later)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("is succeeded; only a scheduled job can be run now");
        assertThatThrownBy(() -> node.runNow(99_999)).isInstanceOf(NotFoundException.class);
    }
}
