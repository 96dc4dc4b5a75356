package io.hourglass.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.NotFoundException;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.job.RetryResult;
import io.hourglass.task.Task;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code HourglassClient.retry}: one rule for the REST API, the console and the CLI, told by its result. */
class RetryTest {
    private final InMemoryStore store = new InMemoryStore();
    private final CountDownLatch release = new CountDownLatch(1);
    private Hourglass node;

    @AfterEach
    void stop() {
        release.countDown();
        if (node != null) {
            node.stop(Duration.ofSeconds(1));
        }
    }

    private void start() {
        node = Hourglass.builder().store(store).nodeName("retry-node").pollInterval(Duration.ofMillis(100))
                .tasks(Task.of("quick", ctx -> { }), Task.of("blocks", ctx -> release.await())).build();
        node.start();
    }

    @Test
    void retryCopiesAFinishedJobWithItsSettings() {
        start();
        long done = node.enqueue(JobRequest.of("quick").queue("q1").priority(7).dedupKey("k").maxAttempts(2)
                .cell("{\"partner\":\"acme\"}").build()).jobId();
        await().until(() -> node.job(done).orElseThrow().state() == JobState.SUCCEEDED);

        RetryResult result = node.retry(done);

        assertThat(result.action()).isEqualTo(RetryResult.Action.COPIED);
        assertThat(result.created()).isTrue();
        assertThat(result.sourceJobId()).isEqualTo(done);
        assertThat(result.job().id()).isNotEqualTo(done);
        assertThat(result.job()).satisfies(copy -> {
            assertThat(copy.task()).isEqualTo("quick");
            assertThat(copy.queue()).isEqualTo("q1");
            assertThat(copy.priority()).isEqualTo(7);
            assertThat(copy.dedupKey()).isEqualTo("k");
            assertThat(copy.maxAttempts()).isEqualTo(2);
            assertThat(copy.cell()).as("a matrix job's copy keeps its cell").isEqualTo("{\"partner\":\"acme\"}");
        });
    }

    @Test
    void retryMakesAScheduledJobDueAndRefusesARunningOne() {
        start();
        long later = node.enqueue(JobRequest.of("blocks").delay(Duration.ofHours(1)).build()).jobId();

        RetryResult due = node.retry(later);
        assertThat(due.action()).isEqualTo(RetryResult.Action.MADE_DUE);
        assertThat(due.job().id()).isEqualTo(later);
        assertThat(due.created()).isFalse();

        await().until(() -> node.job(later).orElseThrow().state() == JobState.RUNNING);
        RetryResult refused = node.retry(later);
        assertThat(refused.action()).isEqualTo(RetryResult.Action.REFUSED_RUNNING);
        assertThat(refused.job().state()).isEqualTo(JobState.RUNNING);

        assertThatThrownBy(() -> node.retry(99_999)).isInstanceOf(NotFoundException.class);
    }
}
