package io.hourglass.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.JobExecutor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetiringExecutorTest {
    private final AtomicInteger closes = new AtomicInteger();
    private final AtomicInteger runs = new AtomicInteger();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    private final class Blocking implements JobExecutor, AutoCloseable {
        @Override
        public ExecutionResult execute(io.hourglass.task.JobContext context) throws Exception {
            runs.incrementAndGet();
            entered.countDown();
            release.await();
            return ExecutionResult.succeeded();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Test
    void anIdleExecutorIsClosedWhenRetired() {
        RetiringExecutor executor = new RetiringExecutor("t", new Blocking());

        executor.retire();

        assertThat(closes).hasValue(1);
    }

    @Test
    void aRunningAttemptFinishesAndTheLastOneOutCloses() throws Exception {
        RetiringExecutor executor = new RetiringExecutor("t", new Blocking());
        CompletableFuture<ExecutionResult> running = CompletableFuture.supplyAsync(() -> run(executor));
        entered.await();

        executor.retire();
        assertThat(closes).hasValue(0);
        release.countDown();

        assertThat(running.get().outcome()).isEqualTo(Outcome.SUCCEEDED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(closes).hasValue(1));
    }

    @Test
    void anAttemptArrivingAfterRetirementRunsNothingAndIsRetriable() {
        RetiringExecutor executor = new RetiringExecutor("t", new Blocking());
        executor.retire();

        ExecutionResult result = run(executor);

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.error()).contains("task 't' was redefined or deleted");
        assertThat(runs).hasValue(0);
        assertThat(closes).hasValue(1);
    }

    private static ExecutionResult run(RetiringExecutor executor) {
        try {
            return executor.execute(null); // neither path here reads the context
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
