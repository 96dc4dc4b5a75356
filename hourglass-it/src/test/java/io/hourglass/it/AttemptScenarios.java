package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.executor.InfrastructureException;
import io.hourglass.job.CancelResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.queue.QueueConfig;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How attempts end: retries, failures, timeouts, cancels, output, and queue limits, through a real store. */
abstract class AttemptScenarios extends EngineTestSupport {
    private static final RetryPolicy FAST_RETRIES = RetryPolicy.DEFAULT.withDelays(Duration.ofMillis(20), 2.0,
            Duration.ofMillis(100));

    private CountDownLatch release;

    @BeforeEach
    void holdHandlers() {
        release = new CountDownLatch(1);
    }

    @AfterEach
    void releaseHandlers() {
        release.countDown();
    }

    @Test
    void infraErrorIsRetriedWithBackoffUntilItSucceeds() {
        String task = unique("flaky");
        Hourglass node = started(b -> b.task(Task.builder(task).retryPolicy(FAST_RETRIES).handler(ctx -> {
            if (ctx.attempt() < 3) {
                throw new InfrastructureException("no browser session (attempt " + ctx.attempt() + ")");
            }
        }).build()));

        long id = node.enqueue(JobRequest.of(task).build()).jobId();

        awaitState(node, id, JobState.SUCCEEDED);
        List<Attempt> attempts = node.attempts(id);
        assertThat(attempts).extracting(Attempt::outcome)
                .containsExactly(Outcome.INFRA_ERROR, Outcome.INFRA_ERROR, Outcome.SUCCEEDED);
        assertThat(attempts.get(0).error()).contains("no browser session (attempt 1)");
        assertThat(attempts.get(1).startedAt()).isAfterOrEqualTo(attempts.get(0).finishedAt());
    }

    @Test
    void infraErrorGivesUpAfterMaxAttempts() {
        String task = unique("down");
        Hourglass node = started(b -> b.task(Task.builder(task).retryPolicy(FAST_RETRIES).handler(ctx -> {
            throw new InfrastructureException("broker unreachable");
        }).build()));

        long id = node.enqueue(JobRequest.of(task).maxAttempts(2).build()).jobId();

        Job job = awaitState(node, id, JobState.FAILED);
        assertThat(job.lastOutcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(node.attempts(id)).hasSize(2);
    }

    @Test
    void failedIsNotRetriedByDefault() {
        String task = unique("broken-login");
        Hourglass node = started(b -> b.task(Task.builder(task).retryPolicy(FAST_RETRIES).handler(ctx -> {
            throw new IllegalStateException("partner login rejected the password");
        }).build()));

        long id = node.enqueue(JobRequest.of(task).build()).jobId();

        Job job = awaitState(node, id, JobState.FAILED);
        assertThat(job.lastOutcome()).isEqualTo(Outcome.FAILED);
        assertThat(node.attempts(id)).singleElement().satisfies(attempt ->
                assertThat(attempt.error()).contains("IllegalStateException: partner login rejected the password"));
    }

    @Test
    void attemptPastItsTimeoutIsTimedOut() {
        String task = unique("slow");
        Hourglass node = started(b -> b.task(Task.builder(task).timeout(Duration.ofMillis(200))
                .handler(ctx -> release.await()).build()));

        long id = node.enqueue(JobRequest.of(task).build()).jobId();

        Job job = awaitState(node, id, JobState.FAILED);
        assertThat(job.lastOutcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(node.attempts(id)).singleElement().satisfies(attempt ->
                assertThat(attempt.error()).contains("timed out after PT0.2S"));
    }

    @Test
    void timeoutIsRecordedEvenWhenTheHandlerIgnoresInterrupts() {
        String task = unique("stubborn");
        AtomicBoolean stopSeen = new AtomicBoolean();
        Hourglass node = started(b -> b.task(Task.builder(task).handler(ctx -> {
            while (release.getCount() > 0) {
                try {
                    release.await(10, TimeUnit.MILLISECONDS);
                } catch (InterruptedException ignored) {
                    stopSeen.set(ctx.isStopRequested() && !ctx.isCancellationRequested());
                }
            }
        }).build()));

        long id = node.enqueue(JobRequest.of(task).timeout(Duration.ofMillis(150)).build()).jobId();

        Job job = awaitState(node, id, JobState.FAILED);
        assertThat(job.lastOutcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(stopSeen).isTrue();
    }

    @Test
    void cancelledScheduledJobNeverRuns() {
        String task = unique("never");
        AtomicInteger runs = new AtomicInteger();
        Hourglass node = started(b -> b.task(Task.of(task, ctx -> runs.incrementAndGet())));
        long id = node.enqueue(JobRequest.of(task).delay(Duration.ofHours(1)).build()).jobId();

        assertThat(node.cancel(id)).isEqualTo(CancelResult.CANCELLED);

        assertThat(node.job(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(node.cancel(id)).isEqualTo(CancelResult.ALREADY_FINISHED);
        assertThat(node.cancel(Long.MAX_VALUE)).isEqualTo(CancelResult.NOT_FOUND);
        assertThat(runs).hasValue(0);
    }

    @Test
    void cancelledRunningJobSeesItAndEndsCancelled() {
        String task = unique("long-scan");
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        AtomicBoolean stopActionRan = new AtomicBoolean();
        Hourglass node = started(b -> b.task(Task.of(task, ctx -> {
            ctx.onStop(() -> stopActionRan.set(true));
            running.countDown();
            while (!ctx.isCancellationRequested()) {
                try {
                    release.await(5, TimeUnit.MILLISECONDS);
                } catch (InterruptedException stopRequested) {
                    // the loop condition says why
                }
            }
            sawCancel.set(true);
        })));
        long id = node.enqueue(JobRequest.of(task).build()).jobId();
        await().atMost(WAIT).until(() -> running.getCount() == 0);

        assertThat(node.cancel(id)).isEqualTo(CancelResult.CANCELLATION_REQUESTED);

        Job job = awaitState(node, id, JobState.CANCELLED);
        assertThat(job.lastOutcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(sawCancel).isTrue();
        await().atMost(WAIT).untilTrue(stopActionRan);
    }

    @Test
    void outputIsCapturedAndCutAtTheConfiguredSize() {
        String task = unique("chatty");
        Hourglass node = started(b -> b.maxOutputChars(10).task(Task.of(task, ctx -> {
            for (int i = 0; i < 5; i++) {
                ctx.appendOutput("hello ");
            }
        })));
        String quietTask = unique("quiet");
        Hourglass quiet = started(b -> b.task(Task.of(quietTask, ctx -> ctx.appendOutput("short"))));

        long id = node.enqueue(JobRequest.of(task).build()).jobId();
        long quietId = quiet.enqueue(JobRequest.of(quietTask).build()).jobId();

        awaitState(node, id, JobState.SUCCEEDED);
        awaitState(quiet, quietId, JobState.SUCCEEDED);
        assertThat(node.attempts(id)).singleElement().satisfies(attempt -> {
            assertThat(attempt.output()).isEqualTo("hello hell");
            assertThat(attempt.outputTruncated()).isTrue();
        });
        assertThat(quiet.attempts(quietId)).singleElement().satisfies(attempt -> {
            assertThat(attempt.output()).isEqualTo("short");
            assertThat(attempt.outputTruncated()).isFalse();
        });
    }

    @Test
    void queueConcurrencyLimitHoldsAndPauseHoldsBackItsJobs() {
        String task = unique("limited");
        String queue = unique("lane");
        AtomicInteger runningNow = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Hourglass node = started(b -> b.workerThreads(8).task(Task.builder(task).queue(queue).handler(ctx -> {
            mostAtOnce.accumulateAndGet(runningNow.incrementAndGet(), Math::max);
            try {
                release.await();
            } finally {
                runningNow.decrementAndGet();
            }
        }).build()));
        node.configureQueue(QueueConfig.unlimited(queue).withConcurrency(2));
        for (int i = 0; i < 6; i++) {
            node.enqueue(JobRequest.of(task).build());
        }
        JobQuery inQueue = JobQuery.all().withQueue(queue);

        await().atMost(WAIT).until(() -> runningNow.get() == 2);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> runningNow.get() == 2);
        node.pauseQueue(queue);
        release.countDown();

        await().atMost(WAIT).until(() -> count(node, inQueue, JobState.SUCCEEDED) == 2);
        await().during(Duration.ofMillis(300)).atMost(WAIT)
                .until(() -> count(node, inQueue, JobState.SCHEDULED) == 4);
        node.resumeQueue(queue);

        await().atMost(WAIT).until(() -> count(node, inQueue, JobState.SUCCEEDED) == 6);
        assertThat(mostAtOnce).hasValueLessThanOrEqualTo(2);
    }

    private static long count(Hourglass node, JobQuery query, JobState state) {
        return node.jobs(query.withStates(Set.of(state)).withLimit(1000)).items().size();
    }
}
