package io.hourglass.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.NotFoundException;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.executor.InfrastructureException;
import io.hourglass.job.CancelResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.queue.QueueConfig;
import io.hourglass.queue.Ranker;
import io.hourglass.schedule.Schedule;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's threads working together, on an in-memory store (the JDBC store runs the same in hourglass-it). */
class EngineTest {
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

    private Hourglass start(Task... tasks) {
        node = Hourglass.builder().store(store).nodeName("test-node").pollInterval(Duration.ofMillis(100))
                .tasks(tasks).build();
        node.start();
        return node;
    }

    @Test
    void nextJobsAreClaimedWhileClaimedOnesStillWaitForAThread() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger mostWaitingAtAClaim = new AtomicInteger();
        store.beforeClaim = () -> mostWaitingAtAClaim.accumulateAndGet(store.claimedJobs.get() - started.get(),
                Math::max);
        node = Hourglass.builder().store(store).nodeName("test-node").workerThreads(2).prefetch(256)
                .task(Task.of("io", ctx -> {
                    started.incrementAndGet();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the job's own work: a call out
                })).build();
        for (int i = 0; i < 400; i++) {
            node.enqueue(JobRequest.of("io").build());
        }
        node.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> store.claimedJobs.get() == 400 && started.get() == 400);

        // claimed only at an empty buffer, at most one job per thread (taken from it, not begun) would be seen
        assertThat(mostWaitingAtAClaim.get()).isGreaterThan(2);
    }

    @Test
    void aSteadyStreamOfJobsIsClaimedSomeAtATimeNotOneClaimPerJob() {
        AtomicInteger runs = new AtomicInteger();
        node = Hourglass.builder().store(store).nodeName("test-node").claimAhead(Duration.ofMillis(100))
                .task(Task.of("tick", ctx -> runs.incrementAndGet())).build();
        java.time.Instant first = java.time.Clock.systemUTC().instant().plusMillis(500);
        for (int i = 0; i < 60; i++) { // one job due every 5 ms for 300 ms
            node.enqueue(JobRequest.of("tick").at(first.plusMillis(5L * i)).build());
        }
        node.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() == 60);

        // a round at most every 50 ms (half the claim-ahead window) gathers about ten of them; one claim a job
        // would be 60 claims
        assertThat(store.claims.get()).isLessThan(20);
    }

    @Test
    void enqueuedJobRunsAndSucceeds() {
        AtomicInteger runs = new AtomicInteger();
        start(Task.of("count", ctx -> runs.incrementAndGet()));
        long id = node.enqueue(JobRequest.of("count").build()).jobId();
        await().atMost(Duration.ofSeconds(30)).until(() -> node.job(id).orElseThrow().state() == JobState.SUCCEEDED);
        assertThat(runs).hasValue(1);
        assertThat(node.attempts(id)).extracting(Attempt::owner)
                .containsExactly(node.incarnation().orElseThrow().owner());
        assertThat(node.incarnation().orElseThrow().owner()).startsWith("test-node#");
    }

    @Test
    void infraErrorIsRetried() {
        RetryPolicy fast = RetryPolicy.DEFAULT.withDelays(Duration.ofMillis(5), 1.0, Duration.ofMillis(5));
        start(Task.builder("flaky").retryPolicy(fast).handler(ctx -> {
            if (ctx.attempt() == 1) {
                throw new InfrastructureException("down");
            }
        }).build());
        long id = node.enqueue(JobRequest.of("flaky").build()).jobId();
        await().atMost(Duration.ofSeconds(30)).until(() -> node.job(id).orElseThrow().state() == JobState.SUCCEEDED);
        assertThat(node.attempts(id)).extracting(Attempt::outcome)
                .containsExactly(Outcome.INFRA_ERROR, Outcome.SUCCEEDED);
    }

    @Test
    void cancelStopsRunningHandler() {
        CountDownLatch started = new CountDownLatch(1);
        start(Task.of("wait", ctx -> {
            started.countDown();
            release.await();
        }));
        long id = node.enqueue(JobRequest.of("wait").build()).jobId();
        await().atMost(Duration.ofSeconds(30)).until(() -> started.getCount() == 0);
        assertThat(node.cancel(id)).isEqualTo(CancelResult.CANCELLATION_REQUESTED);
        await().atMost(Duration.ofSeconds(30)).until(() -> node.job(id).orElseThrow().state() == JobState.CANCELLED);
    }

    @Test
    void stopReleasesUnfinishedJobsForImmediateRetry() {
        CountDownLatch started = new CountDownLatch(1);
        start(Task.of("stubborn", ctx -> {
            started.countDown();
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // keeps running: shutdown must not wait for it
                }
            }
        }));
        long id = node.enqueue(JobRequest.of("stubborn").build()).jobId();
        await().atMost(Duration.ofSeconds(30)).until(() -> started.getCount() == 0);

        node.stop(Duration.ofMillis(50));

        assertThat(node.job(id).orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(node.attempts(id)).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(Outcome.INFRA_ERROR);
            assertThat(attempt.error()).contains("node shutting down");
        });
        assertThat(store.findNodes()).isEmpty();
    }

    @Test
    void enqueueTakesQueueAndPriorityFromTheRegisteredTask() {
        start(Task.builder("ranked").handler(ctx -> { }).queue("reports").ranker(Ranker.fixed(7)).build());
        Job known = node.job(node.enqueue(JobRequest.of("ranked").delay(Duration.ofHours(1)).build()).jobId())
                .orElseThrow();
        Job explicit = node.job(node.enqueue(JobRequest.of("ranked").priority(2).queue("other")
                .delay(Duration.ofHours(1)).build()).jobId()).orElseThrow();
        Job unknown = node.job(node.enqueue(JobRequest.of("elsewhere").allowUnknownTask(true).build()).jobId())
                .orElseThrow();

        assertThat(known.queue()).isEqualTo("reports");
        assertThat(known.priority()).isEqualTo(7);
        assertThat(explicit.queue()).isEqualTo("other");
        assertThat(explicit.priority()).isEqualTo(2);
        assertThat(unknown.queue()).isEqualTo(Task.DEFAULT_QUEUE);
        assertThat(unknown.priority()).isZero();
    }

    @Test
    void dispatcherWaitsInsteadOfSpinningOnJobsHeldBackByQueueLimit() {
        CountDownLatch started = new CountDownLatch(1);
        start(Task.builder("serial").queue("one-at-a-time").handler(ctx -> {
            started.countDown();
            release.await();
        }).build());
        node.configureQueue(QueueConfig.unlimited("one-at-a-time").withConcurrency(1));
        long first = node.enqueue(JobRequest.of("serial").build()).jobId();
        long second = node.enqueue(JobRequest.of("serial").build()).jobId();
        await().atMost(Duration.ofSeconds(30)).until(() -> started.getCount() == 0);
        int claimsBefore = store.claims.get();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(30))
                .until(() -> node.job(second).orElseThrow().state() == JobState.SCHEDULED);

        assertThat(store.claims.get() - claimsBefore).isLessThan(20); // a poll every 100 ms, not a busy loop
        release.countDown();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> node.job(second).orElseThrow().state() == JobState.SUCCEEDED);
        assertThat(node.job(first).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void attemptsOfUnknownJobIsNotFound() {
        start();
        assertThatThrownBy(() -> node.attempts(404)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("404");
    }

    @Test
    void intervalScheduleCreatesJobs() {
        AtomicInteger runs = new AtomicInteger();
        start(Task.of("tick", ctx -> runs.incrementAndGet()));
        node.createSchedule(Schedule.builder("ticker").task("tick").every(Duration.ofMillis(100)).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() >= 3);
    }
}
