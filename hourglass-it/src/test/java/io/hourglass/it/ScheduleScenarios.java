package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.NotFoundException;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.schedule.MisfirePolicy;
import io.hourglass.schedule.Schedule;
import io.hourglass.task.Task;
import io.hourglass.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Schedules fire, change at runtime and catch up after downtime, end to end through a node and a real store. */
abstract class ScheduleScenarios extends EngineTestSupport {

    @Test
    void intervalScheduleFiresRepeatedly() {
        String task = unique("tick");
        AtomicInteger runs = new AtomicInteger();
        Hourglass node = started(b -> b.task(Task.of(task, ctx -> runs.incrementAndGet())));

        node.createSchedule(Schedule.builder(unique("every-150ms")).task(task).every(Duration.ofMillis(150)).build());

        await().atMost(WAIT).until(() -> runs.get() >= 3);
    }

    @Test
    void editingScheduleAtRuntimeTakesEffect() {
        String task = unique("versioned");
        List<Object> versions = new CopyOnWriteArrayList<>();
        Hourglass node = started(b -> b.task(Task.of(task, ctx -> versions.add(ctx.kwargs().get("version")))));
        String name = unique("edited");
        Schedule created = node.createSchedule(Schedule.builder(name).task(task).every(Duration.ofMillis(150))
                .kwargs(Map.of("version", "one")).build());
        await().atMost(WAIT).until(() -> versions.contains("one"));

        Schedule updated = node.updateSchedule(created.toBuilder().kwargs(Map.of("version", "two")).build());

        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(updated.runCount()).isGreaterThanOrEqualTo(1);
        await().atMost(WAIT).until(() -> versions.contains("two"));
        assertThat(node.schedule(name).orElseThrow().kwargs()).containsEntry("version", "two");
    }

    @Test
    void disabledScheduleStopsFiringAndEnabledOneResumes() {
        String task = unique("pausable");
        AtomicInteger runs = new AtomicInteger();
        Hourglass node = started(b -> b.task(Task.of(task, ctx -> runs.incrementAndGet())));
        String name = unique("toggled");
        node.createSchedule(Schedule.builder(name).task(task).every(Duration.ofMillis(150)).build());
        await().atMost(WAIT).until(() -> runs.get() >= 1);

        Schedule disabled = node.disableSchedule(name);
        long jobsAtDisable = jobsOf(node, name).size();

        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.nextFireAt()).isNull();
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> jobsOf(node, name).size() == jobsAtDisable);

        Schedule enabled = node.enableSchedule(name);
        assertThat(enabled.nextFireAt()).isNotNull();
        await().atMost(WAIT).until(() -> jobsOf(node, name).size() > jobsAtDisable);
    }

    @Test
    void oneOffScheduleFiresOnce() {
        String task = unique("clocked");
        AtomicInteger runs = new AtomicInteger();
        Hourglass node = started(b -> b.task(Task.of(task, ctx -> runs.incrementAndGet())));
        String name = unique("once");
        Instant at = Instant.now().plusMillis(200).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        node.createSchedule(Schedule.builder(name).task(task).once(at).build());

        await().atMost(WAIT).until(() -> runs.get() == 1);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> runs.get() == 1);
        assertThat(jobsOf(node, name)).singleElement().satisfies(job -> assertThat(job.fireAt()).isEqualTo(at));
        assertThat(node.schedule(name).orElseThrow().nextFireAt()).isNull();
    }

    @Test
    void triggerRunsTheScheduleNowAsAJobLinkedToIt() {
        String task = unique("report");
        List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
        Hourglass node = started(b -> b.task(Task.of(task, ctx -> seen.add(ctx.kwargs()))));
        String name = unique("nightly");
        Schedule created = node.createSchedule(Schedule.builder(name).task(task).cron("0 2 * * *",
                java.time.ZoneId.of("Europe/Amsterdam")).kwargs(Map.of("kind", "full")).enabled(false).build());

        long jobId = node.triggerSchedule(name).jobId();

        await().atMost(WAIT).until(() -> seen.size() == 1);
        assertThat(seen.get(0)).isEqualTo(Map.of("kind", "full"));
        Job job = node.job(jobId).orElseThrow();
        assertThat(job.scheduleName()).isEqualTo(name);
        assertThat(job.fireAt()).isNotNull();
        assertThat(jobsOf(node, name)).extracting(Job::id).containsExactly(jobId);
        assertThat(node.schedule(name).orElseThrow().nextFireAt()).isEqualTo(created.nextFireAt());
        assertThatThrownBy(() -> node.triggerSchedule("no-such-schedule"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no-such-schedule");
    }

    @Test
    void unknownScheduleIsNotFound() {
        Hourglass client = node(b -> b.workerThreads(0));
        assertThatThrownBy(() -> client.enableSchedule("no-such-schedule"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no-such-schedule");
        assertThat(client.deleteSchedule("no-such-schedule")).isFalse();
    }

    @Test
    void previewListsNextFireTimes() {
        Hourglass client = node(b -> b.workerThreads(0));
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        Schedule hourly = Schedule.builder("preview").task("t").every(Duration.ofHours(1)).startAt(start).build();

        assertThat(client.previewFireTimes(hourly, start, 3)).containsExactly(start.plusSeconds(3600),
                start.plusSeconds(7200), start.plusSeconds(10800));
    }

    @Test
    void skipIfPendingScheduleSkipsFiresWhileItsJobWaitsInAPausedQueue() {
        String task = unique("check");
        String queue = unique("checks");
        AtomicInteger runs = new AtomicInteger();
        Hourglass node = started(b -> b.task(Task.of(task, ctx -> runs.incrementAndGet())));
        node.pauseQueue(queue);
        String name = unique("skipping");

        node.createSchedule(Schedule.builder(name).task(task).queue(queue).every(Duration.ofMillis(100))
                .skipIfPending(true).build());

        await().atMost(WAIT).until(() -> node.schedule(name).orElseThrow().skippedCount() >= 3);
        assertThat(jobsOf(node, name)).hasSize(1);
        assertThat(node.schedule(name).orElseThrow().runCount()).isEqualTo(1);
        node.resumeQueue(queue);
        await().atMost(WAIT).until(() -> runs.get() >= 2);
        assertThat(node.schedule(name).orElseThrow().runCount()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void scheduleWithoutSkipIfPendingKeepsCreatingJobsWhileOthersWait() {
        String task = unique("check");
        String queue = unique("checks");
        Hourglass node = started(b -> b.task(Task.of(task, ctx -> { })));
        node.pauseQueue(queue);
        String name = unique("piling");

        node.createSchedule(Schedule.builder(name).task(task).queue(queue).every(Duration.ofMillis(100)).build());

        await().atMost(WAIT).until(() -> jobsOf(node, name).size() >= 3);
        assertThat(node.schedule(name).orElseThrow().skippedCount()).isZero();
    }

    @Test
    void skipPolicyRunsOnlyTheOnTimeFireAfterDowntime() {
        assertThat(fireTimesAfterDowntime(MisfirePolicy.SKIP, 100)).containsExactly(minutes(10));
    }

    @Test
    void runOncePolicyRunsLatestMissedFireOnceAfterDowntime() {
        assertThat(fireTimesAfterDowntime(MisfirePolicy.RUN_ONCE, 100)).containsExactly(minutes(9), minutes(10));
    }

    @Test
    void runAllPolicyRunsMissedFiresUpToItsCapAfterDowntime() {
        assertThat(fireTimesAfterDowntime(MisfirePolicy.RUN_ALL, 3))
                .containsExactly(minutes(7), minutes(8), minutes(9), minutes(10));
    }

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant minutes(int n) {
        return T0.plus(Duration.ofMinutes(n));
    }

    /**
     * A per-minute schedule created at T0; the node stops, the clock moves on 10.5 minutes, the node starts again
     * (misfire grace 60 s): the fire times of the jobs it then runs, in order.
     */
    private List<Instant> fireTimesAfterDowntime(MisfirePolicy policy, int cap) {
        ManualClock clock = new ManualClock(T0);
        String task = unique("catch-up");
        AtomicInteger runs = new AtomicInteger();
        Hourglass node = started(b -> b.clock(clock).misfireGrace(Duration.ofSeconds(60))
                .task(Task.of(task, ctx -> runs.incrementAndGet())));
        String name = unique(policy.wireName());
        Schedule created = node.createSchedule(Schedule.builder(name).task(task).every(Duration.ofMinutes(1))
                .misfirePolicy(policy).misfireCap(cap).build());
        assertThat(created.nextFireAt()).isEqualTo(minutes(1));
        node.stop(Duration.ofSeconds(1));

        clock.advance(Duration.ofMinutes(10).plusSeconds(30));
        node.start();

        await().atMost(WAIT).until(() -> node.schedule(name).orElseThrow().nextFireAt(),
                next -> next.equals(minutes(11)));
        List<Job> jobs = jobsOf(node, name);
        await().atMost(WAIT).until(() -> runs.get() == jobs.size());
        return jobs.stream().map(Job::fireAt).sorted().toList();
    }

    private static List<Job> jobsOf(Hourglass node, String schedule) {
        return node.jobs(JobQuery.all().withScheduleName(schedule).withLimit(1000)).items();
    }
}
