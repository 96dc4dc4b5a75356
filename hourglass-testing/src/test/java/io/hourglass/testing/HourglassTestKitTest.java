package io.hourglass.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.schedule.Schedule;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kit runs a real node only when told, exactly at the manual clock's times. */
class HourglassTestKitTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final RetryPolicy ONE_MINUTE_THEN_DOUBLE = RetryPolicy.DEFAULT.withMaxAttempts(3)
            .withDelays(Duration.ofMinutes(1), 2.0, Duration.ofHours(1)).withJitter(0).retrying(Outcome.FAILED);

    private HourglassTestKit kit;

    @AfterEach
    void closeKit() {
        if (kit != null) {
            kit.close();
        }
    }

    @Test
    void cronScheduleFiresAtEveryFireTimeOfAnHourOnTime() {
        List<Instant> ranAt = new CopyOnWriteArrayList<>();
        kit = HourglassTestKit.builder().startingAt(T0)
                .task(Task.of("report", ctx -> ranAt.add(kit.now()))).build();
        kit.node().createSchedule(Schedule.builder("reports").task("report")
                .cron("*/5 * * * *", ZoneOffset.UTC).build());

        RunResult result = kit.advanceAndRunDue(Duration.ofHours(1));

        assertThat(result.count()).isEqualTo(12);
        assertThat(result.count(Outcome.SUCCEEDED)).isEqualTo(12);
        assertThat(result.startTimes()).containsExactlyElementsOf(fiveMinutesApart(T0.plusSeconds(300), 12));
        assertThat(ranAt).containsExactlyElementsOf(fiveMinutesApart(T0.plusSeconds(300), 12));
        assertThat(kit.jobs("report")).hasSize(12).allMatch(job -> job.state() == JobState.SUCCEEDED);
        assertThat(kit.now()).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void jumpingTheClockAnHourIsAMisfireTheScheduleRunsOnceFor() {
        kit = HourglassTestKit.builder().startingAt(T0).task(Task.of("report", ctx -> { })).build();
        kit.node().createSchedule(Schedule.builder("reports").task("report")
                .cron("*/5 * * * *", ZoneOffset.UTC).build());

        kit.advance(Duration.ofMinutes(62)); // as if the node had been down: 01:00 is two minutes late

        assertThat(kit.runDue().count()).isEqualTo(1); // the default misfire policy: run once, not twelve times
    }

    @Test
    void dailyCronKeepsItsLocalTimeAcrossTheDstChange() {
        ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");
        Instant beforeChange = Instant.parse("2026-03-27T12:00:00Z"); // the clocks go forward on 29 March
        kit = HourglassTestKit.builder().startingAt(beforeChange).task(Task.of("backup", ctx -> { })).build();
        kit.node().createSchedule(Schedule.builder("nightly").task("backup").cron("0 2 * * *", amsterdam).build());

        RunResult result = kit.advanceAndRunDue(Duration.ofDays(3));

        // 02:00 does not exist on 29 March: that night runs at 03:00 CEST (01:00Z); the others at 02:00 local
        assertThat(result.startTimes()).containsExactly(Instant.parse("2026-03-28T01:00:00Z"),
                Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-30T00:00:00Z"));
    }

    @Test
    void failingTaskRetriesByItsBackoffOnlyWhenTheClockReachesIt() {
        AtomicInteger tries = new AtomicInteger();
        kit = HourglassTestKit.builder().startingAt(T0).task(Task.builder("flaky").retryPolicy(ONE_MINUTE_THEN_DOUBLE)
                .handler(ctx -> {
                    tries.incrementAndGet();
                    throw new IllegalStateException("partner API down");
                }).build()).build();
        long id = kit.node().enqueue(JobRequest.of("flaky").build()).jobId();

        assertThat(kit.runDue().count()).isEqualTo(1);
        kit.assertThatJob(id).isScheduled().hasAttempts(1).isDueAt(T0.plus(Duration.ofMinutes(1)));
        assertThat(kit.runDue().count()).isZero();
        kit.advance(Duration.ofSeconds(59));
        assertThat(kit.runDue().count()).isZero();

        kit.advance(Duration.ofSeconds(1));
        assertThat(kit.runDue().count()).isEqualTo(1);
        kit.assertThatJob(id).isScheduled().hasAttempts(2).isDueAt(T0.plus(Duration.ofMinutes(3)));

        RunResult last = kit.advanceAndRunDue(Duration.ofMinutes(10));
        assertThat(last.startTimes()).containsExactly(T0.plus(Duration.ofMinutes(3)));
        kit.assertThatJob(id).failedWith("partner API down").hasAttempts(3);
        assertThat(tries).hasValue(3);
    }

    @Test
    void jobEnqueuedForLaterIsNotRunUntilTheClockGetsThere() {
        AtomicInteger runs = new AtomicInteger();
        kit = HourglassTestKit.of(Task.of("remind", ctx -> runs.incrementAndGet()));
        long id = kit.node().enqueue(JobRequest.of("remind").delay(Duration.ofMinutes(10)).build()).jobId();

        assertThat(kit.runDue().count()).isZero();
        kit.advance(Duration.ofMinutes(9));
        assertThat(kit.runDue().count()).isZero();
        kit.assertThatJob(id).isScheduled().hasAttempts(0);

        kit.advance(Duration.ofMinutes(1));
        RunResult result = kit.runDue();

        assertThat(result.jobIds()).containsExactly(id);
        assertThat(runs).hasValue(1);
        kit.assertThatJob(id).succeeded().hasAttempts(1);
    }

    @Test
    void jobAnAttemptEnqueuesForNowRunsInTheSameRunDue() {
        kit = HourglassTestKit.of(
                Task.of("first", ctx -> kit.node().enqueue(JobRequest.of("second").build())),
                Task.of("second", ctx -> { }));
        kit.node().enqueue(JobRequest.of("first").build());

        RunResult result = kit.runDue();

        assertThat(result.ran()).extracting(ran -> ran.job().task()).containsExactly("first", "second");
    }

    @Test
    void failedAssertionShowsTheJobAndEveryAttempt() {
        kit = HourglassTestKit.builder().startingAt(T0).task(Task.builder("flaky")
                .retryPolicy(RetryPolicy.NONE).handler(ctx -> {
                    throw new IllegalStateException("partner API down");
                }).build()).build();
        long id = kit.node().enqueue(JobRequest.of("flaky").build()).jobId();
        kit.runDue();

        assertThatThrownBy(() -> kit.assertThatJob(id).succeeded())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("job " + id + " (task 'flaky'): expected state succeeded, but it is failed")
                .hasMessageContaining("attempt 1: failed, started 2026-01-01T00:00:00Z: ")
                .hasMessageContaining("partner API down");
        assertThatThrownBy(() -> kit.assertThatJob(id).failed().hasAttempts(2))
                .hasMessageStartingWith("job " + id + " (task 'flaky'): expected 2 attempts, but 1 ran");
        assertThatThrownBy(() -> kit.assertThatJob(id).failedWith("timeout"))
                .hasMessageStartingWith("job " + id + " (task 'flaky'): expected its last error to contain 'timeout'");
        assertThatThrownBy(() -> kit.assertThatJob(4711)).hasMessage("no job 4711 in the store");
    }

    @Test
    void kitNodeDoesNotStartItsOwnThreadsOnceDriven() {
        kit = HourglassTestKit.of(Task.of("noop", ctx -> { }));
        kit.runDue();

        assertThatThrownBy(() -> kit.node().start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is driven by hand");
    }

    @Test
    void advanceAndRunDueSeesPastAJobThatAPausedQueueHolds() {
        kit = HourglassTestKit.builder().startingAt(T0).task(Task.of("held", ctx -> { }))
                .task(Task.builder("later").queue("other").handler(ctx -> { }).build()).build();
        kit.node().pauseQueue(Task.DEFAULT_QUEUE);
        kit.node().enqueue(JobRequest.of("held").build());
        long later = kit.node().enqueue(JobRequest.of("later").delay(Duration.ofMinutes(7)).build()).jobId();

        RunResult result = kit.advanceAndRunDue(Duration.ofMinutes(30));

        assertThat(result.jobIds()).containsExactly(later);
        assertThat(result.startTimes()).containsExactly(T0.plus(Duration.ofMinutes(7)));
    }

    @Test
    void runDueSaysWhichJobsAreStillRunningAfterTheAttemptWait() throws InterruptedException {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        kit = HourglassTestKit.builder().attemptWait(Duration.ofMillis(200))
                .task(Task.of("stuck", ctx -> release.await())).build();
        long id = kit.node().enqueue(JobRequest.of("stuck").build()).jobId();
        try {
            assertThatThrownBy(() -> kit.runDue()).isInstanceOf(IllegalStateException.class)
                    .hasMessage("node 'test-kit': attempts of jobs [" + id + "] still running after runDue waited"
                            + " PT0.2S (a handler that does not return, or waits for something the test never does?)");
        } finally {
            release.countDown();
        }
    }

    private static List<Instant> fiveMinutesApart(Instant first, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> first.plus(Duration.ofMinutes(5L * i)))
                .toList();
    }
}
