package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.ConflictException;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.queue.QueueConfig;
import io.hourglass.schedule.MisfirePolicy;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleChange;
import io.hourglass.schedule.ScheduleChange.Action;
import io.hourglass.store.FirePlan;
import io.hourglass.store.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Schedules (CRUD, firing, concurrent firing), queues and retention. */
abstract class ScheduleContract extends ClaimContract {

    /** Inserts, updates or deletes a schedule as the engine does, with the change it records. */
    void insertSchedule(Schedule s) {
        store.insertSchedule(s, ScheduleChange.of("test", Action.CREATED, null, s, T0));
    }

    boolean updateSchedule(Schedule s) {
        return store.updateSchedule(s, ScheduleChange.of("test", Action.UPDATED, s, s, T0));
    }

    boolean deleteSchedule(String name) {
        Schedule gone = Schedule.builder(name).task("t").every(Duration.ofMinutes(1)).build();
        return store.deleteSchedule(name, ScheduleChange.of("test", Action.DELETED, gone, null, T0));
    }

    static Schedule every(String name, Duration interval, Instant next) {
        return Schedule.builder(name).task("tick").every(interval).queue("ticks").priority(3)
                .args(List.of("a", 1)).kwargs(Map.of("k", "v")).build()
                .withRunState(next, null, 0, T0, T0);
    }

    /** Fires each due schedule once per call: one job at its next fire time, then the next one an interval on. */
    static Function<Schedule, FirePlan> oneJobPerFire(Duration interval) {
        return s -> new FirePlan(List.of(new NewJob(s.task(), "ticks", 0, s.args(), s.kwargs(), null,
                s.nextFireAt(), s.nextFireAt(), null, null, s.name(), s.nextFireAt())), s.nextFireAt().plus(interval));
    }

    @Test
    void schedulesAreCreatedReadUpdatedAndDeleted() {
        Schedule cron = Schedule.builder("nightly").task("report").cron("0 2 * * *", ZoneId.of("Europe/Amsterdam"))
                .misfirePolicy(MisfirePolicy.RUN_ALL).misfireCap(5).startAt(T0).endAt(T0.plusSeconds(86_400 * 30))
                .build().withRunState(T0.plusSeconds(3600), null, 0, T0, T0);
        Schedule once = Schedule.builder("once").task("report").once(T0.plusSeconds(60)).enabled(false).build()
                .withRunState(null, null, 0, T0, T0);
        insertSchedule(cron);
        insertSchedule(once);
        insertSchedule(every("ticker", Duration.ofMinutes(5), T0.plusSeconds(600)));

        assertThat(store.findSchedule("nightly")).contains(cron);
        assertThat(store.findSchedule("once")).contains(once);
        assertThat(store.findSchedule("missing")).isEmpty();
        assertThat(store.findSchedules()).extracting(Schedule::name).containsExactly("nightly", "once", "ticker");
        assertThat(store.nextFireAt()).contains(T0.plusSeconds(600));
        assertThatThrownBy(() -> insertSchedule(once)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("'once'");

        Schedule changed = once.toBuilder().every(Duration.ofSeconds(30)).enabled(true).build()
                .withRunState(T0.plusSeconds(30), T0, 4, null, T0.plusSeconds(1));
        assertThat(updateSchedule(changed)).isTrue();
        // an update writes the definition and next fire time; the fire counts stay the firer's (0, none)
        assertThat(store.findSchedule("once")).contains(changed.withRunState(T0.plusSeconds(30), null, 0, T0,
                T0.plusSeconds(1)));
        assertThat(store.nextFireAt()).contains(T0.plusSeconds(30));
        assertThat(updateSchedule(Schedule.builder("missing").task("t").once(T0).build())).isFalse();

        assertThat(deleteSchedule("once")).isTrue();
        assertThat(deleteSchedule("once")).isFalse();
        assertThat(store.findSchedules()).extracting(Schedule::name).containsExactly("nightly", "ticker");
    }

    @Test
    void firingDueSchedulesCreatesPlannedJobsAndAdvancesRunState() {
        insertSchedule(every("due", Duration.ofMinutes(1), T0));
        insertSchedule(every("later", Duration.ofMinutes(1), T0.plusSeconds(30)));
        insertSchedule(every("disabled", Duration.ofMinutes(1), T0).withEnabled(false));

        int fired = store.fireDueSchedules(T0, 10, oneJobPerFire(Duration.ofMinutes(1)));

        assertThat(fired).isEqualTo(1);
        Schedule due = store.findSchedule("due").orElseThrow();
        assertThat(due.nextFireAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(due.lastFireAt()).isEqualTo(T0);
        assertThat(due.runCount()).isEqualTo(1);
        assertThat(due.updatedAt()).isEqualTo(T0);
        List<Job> jobs = store.findJobs(JobQuery.all().withScheduleName("due")).items();
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.fireAt()).isEqualTo(T0);
            assertThat(job.args()).containsExactly("a", 1);
        });
        assertThat(store.findSchedule("disabled").orElseThrow().runCount()).isZero();
        assertThat(store.fireDueSchedules(T0, 10, oneJobPerFire(Duration.ofMinutes(1)))).isZero();

        int emptyPlan = store.fireDueSchedules(T0.plusSeconds(30), 10, s -> new FirePlan(List.of(), null));
        assertThat(emptyPlan).isEqualTo(1);
        Schedule later = store.findSchedule("later").orElseThrow();
        assertThat(later.nextFireAt()).isNull();
        assertThat(later.lastFireAt()).isNull();
        assertThat(later.runCount()).isZero();
    }

    /** {@link #oneJobPerFire} for a schedule that skips while its previous job is pending. */
    static Function<Schedule, FirePlan> oneJobPerFireSkippingIfPending(Duration interval) {
        return s -> {
            FirePlan plan = oneJobPerFire(interval).apply(s);
            return new FirePlan(plan.jobs(), plan.nextFireAt(), true);
        };
    }

    @Test
    void fireOfSkipIfPendingScheduleCreatesNothingWhilePreviousJobIsPending() {
        insertSchedule(every("checks", Duration.ofMinutes(1), T0));
        Duration minute = Duration.ofMinutes(1);
        assertThat(store.fireDueSchedules(T0, 10, oneJobPerFireSkippingIfPending(minute))).isEqualTo(1);
        Job first = store.findJobs(JobQuery.all().withScheduleName("checks")).items().get(0);

        assertThat(store.fireDueSchedules(T0.plusSeconds(60), 10, oneJobPerFireSkippingIfPending(minute)))
                .isEqualTo(1); // still scheduled: skipped
        claimOne("node-1#0000000a", T0.plusSeconds(61));
        assertThat(store.fireDueSchedules(T0.plusSeconds(120), 10, oneJobPerFireSkippingIfPending(minute)))
                .isEqualTo(1); // running: skipped

        Schedule skipping = store.findSchedule("checks").orElseThrow();
        assertThat(skipping.skippedCount()).isEqualTo(2);
        assertThat(skipping.runCount()).isEqualTo(1);
        assertThat(skipping.lastFireAt()).isEqualTo(T0);
        assertThat(skipping.nextFireAt()).isEqualTo(T0.plusSeconds(180));
        assertThat(store.findJobs(JobQuery.all().withScheduleName("checks")).items()).extracting(Job::id)
                .containsExactly(first.id());
    }

    @Test
    void lateRoundOfASkipIfPendingScheduleCreatesOnlyTheOldestMissedFireAndSkipsTheRest() {
        insertSchedule(every("late-checks", Duration.ofMinutes(1), T0));
        Duration minute = Duration.ofMinutes(1);
        // the planner was away for three fire times (run_all): one round plans a job for each
        Function<Schedule, FirePlan> threeMissed = s -> new FirePlan(List.of(0, 1, 2).stream()
                .map(i -> new NewJob(s.task(), "ticks", 0, s.args(), s.kwargs(), null, T0.plus(minute.multipliedBy(i)),
                        T0.plus(minute.multipliedBy(i)), null, null, s.name(), T0.plus(minute.multipliedBy(i))))
                .toList(), T0.plus(minute.multipliedBy(3)), true);

        assertThat(store.fireDueSchedules(T0.plusSeconds(150), 10, threeMissed)).isEqualTo(1);

        List<Job> jobs = store.findJobs(JobQuery.all().withScheduleName("late-checks")).items();
        assertThat(jobs).extracting(Job::fireAt).containsExactly(T0);
        Schedule fired = store.findSchedule("late-checks").orElseThrow();
        assertThat(fired.runCount()).isEqualTo(1);
        assertThat(fired.skippedCount()).isEqualTo(2);
        assertThat(fired.lastFireAt()).isEqualTo(T0);
        assertThat(fired.nextFireAt()).isEqualTo(T0.plus(minute.multipliedBy(3)));
    }

    @Test
    void fireOfSkipIfPendingScheduleCreatesTheJobOncePreviousJobFinished() {
        insertSchedule(every("checks", Duration.ofMinutes(1), T0));
        Duration minute = Duration.ofMinutes(1);
        store.fireDueSchedules(T0, 10, oneJobPerFireSkippingIfPending(minute));
        Job running = claimOne("node-1#0000000a", T0);
        assertThat(store.complete(List.of(success(running, T0.plusSeconds(1))))).containsExactly(true);

        store.fireDueSchedules(T0.plusSeconds(60), 10, oneJobPerFireSkippingIfPending(minute));

        Schedule fired = store.findSchedule("checks").orElseThrow();
        assertThat(fired.skippedCount()).isZero();
        assertThat(fired.runCount()).isEqualTo(2);
        assertThat(store.findJobs(JobQuery.all().withScheduleName("checks")).items()).hasSize(2);
    }

    @Test
    void scheduleKeepsSkipIfPendingAllowUnknownTaskAndSkippedCount() {
        Schedule saved = Schedule.builder("flags").task("report").every(Duration.ofMinutes(5)).skipIfPending(true)
                .allowUnknownTask(true).build().withRunState(T0, null, 0, T0, T0).withSkippedCount(7);
        insertSchedule(saved);

        Schedule read = store.findSchedule("flags").orElseThrow();
        assertThat(read.skipIfPending()).isTrue();
        assertThat(read.allowUnknownTask()).isTrue();
        assertThat(read.skippedCount()).isEqualTo(7);
        updateSchedule(read.toBuilder().skipIfPending(false).build().withRunState(T0, null, 0, T0, T0));
        assertThat(store.findSchedule("flags").orElseThrow().skipIfPending()).isFalse();
    }

    @Test
    void concurrentFiringNeverCreatesDuplicateJobs() throws Exception {
        for (int i = 0; i < 20; i++) {
            insertSchedule(every("s" + i, Duration.ofMinutes(1), T0));
        }
        Instant now = T0.plusSeconds(299);
        // A planner that always plans from the last fire time: a node that read stale state would plan a fire
        // time already taken, which the (schedule, fire time) key must refuse.
        Function<Schedule, FirePlan> planner = s -> {
            List<NewJob> jobs = new ArrayList<>();
            Instant fire = s.nextFireAt();
            while (!fire.isAfter(now)) {
                jobs.add(new NewJob("tick", "ticks", 0, List.of(), Map.of(), null, fire, fire, null, null, s.name(), fire));
                fire = fire.plusSeconds(60);
            }
            return new FirePlan(jobs, fire);
        };

        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    int fired = 0;
                    while (store.nextFireAt().filter(next -> !next.isAfter(now)).isPresent()) {
                        fired += store.fireDueSchedules(now, 3, planner);
                    }
                    return fired;
                }));
            }
            start.countDown();
            for (Future<Integer> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Job> jobs = store.findJobs(JobQuery.all().withLimit(1000)).items();
        assertThat(jobs).hasSize(20 * 5);
        assertThat(jobs.stream().map(j -> j.scheduleName() + "@" + j.fireAt()).distinct()).hasSize(100);
        for (Schedule s : store.findSchedules()) {
            assertThat(s.runCount()).isEqualTo(5);
            assertThat(s.nextFireAt()).isEqualTo(T0.plusSeconds(300));
            assertThat(s.lastFireAt()).isEqualTo(T0.plusSeconds(240));
        }
    }

    @Test
    void queuesAreSavedFoundAndListedWithJobOnlyQueues() {
        QueueConfig scrape = new QueueConfig("scrape", 4, false, 100, 10);
        store.saveQueue(scrape);
        store.saveQueue(QueueConfig.unlimited("audit").withPaused(true));
        insert(job("t", "zeta", 0, T0));
        insert(job("t", "scrape", 0, T0));
        insert(job("t", "zeta", 0, T0.plusSeconds(1)));
        insert(job("t", "alpha", 0, T0));
        insert(job("t", "busy", 0, T0.minusSeconds(1)));
        // a queue whose only job runs is still a queue
        assertThat(store.claim("n", T0, T0.plusSeconds(30), 1, null, "busy")).extracting(Job::queue)
                .containsExactly("busy");

        assertThat(store.findQueue("scrape")).contains(scrape);
        assertThat(store.findQueue("zeta")).isEmpty();
        store.saveQueue(scrape.withConcurrency(null).withPaused(true));
        assertThat(store.findQueue("scrape")).contains(new QueueConfig("scrape", null, true, 100, 10));
        assertThat(store.findQueues()).containsExactly(QueueConfig.unlimited("alpha"),
                QueueConfig.unlimited("audit").withPaused(true), QueueConfig.unlimited("busy"), new QueueConfig("scrape", null, true, 100, 10),
                QueueConfig.unlimited("zeta"));
    }

    @Test
    void retentionDeletesOldFinishedJobsWithTheirAttempts() {
        insertMany(4, "t", T0);
        List<Job> running = store.claim("n", T0, T0.plusSeconds(30), 3, null, null);
        store.complete(List.of(success(running.get(0), T0.plusSeconds(1)), success(running.get(1), T0.plusSeconds(2)),
                success(running.get(2), T0.plusSeconds(100))));

        assertThat(store.deleteFinishedBefore(T0.plusSeconds(50), 1)).isEqualTo(1);
        assertThat(store.findJob(running.get(0).id())).isEmpty();
        assertThat(store.findAttempts(running.get(0).id())).isEmpty();
        assertThat(store.deleteFinishedBefore(T0.plusSeconds(50), 10)).isEqualTo(1);
        assertThat(store.findJob(running.get(2).id())).isPresent();
        assertThat(store.findAttempts(running.get(2).id())).hasSize(1);
        assertThat(store.findJobs(JobQuery.all()).items()).hasSize(2);
        assertThat(store.deleteFinishedBefore(T0.plusSeconds(50), 10)).isZero();
    }
}
