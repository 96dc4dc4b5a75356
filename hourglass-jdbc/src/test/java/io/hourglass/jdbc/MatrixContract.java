package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.schedule.Matrix;
import io.hourglass.schedule.Schedule;
import io.hourglass.store.Completion;
import io.hourglass.store.FirePlan;
import io.hourglass.store.NewJob;
import java.time.Duration;
import java.time.Instant;
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

/** Matrix schedules' per-cell fire key, catch-up and skipIfPending per cell; expiry; reclassified attempts. */
abstract class MatrixContract extends FeedContract {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Matrix PARTNERS = Matrix.fromMap(Map.of("partner", List.of("acme", "globex")));

    private static Schedule matrixSchedule(String name, Instant next) {
        return Schedule.builder(name).task("check").every(MINUTE).matrix(PARTNERS).build()
                .withRunState(next, null, 0, T0, T0);
    }

    /** One job per cell for each fire time from the schedule's next one up to {@code until}, as the planner plans. */
    private static Function<Schedule, FirePlan> cellsUpTo(Instant until, boolean skipIfPending) {
        return s -> {
            List<NewJob> jobs = new ArrayList<>();
            Instant fire = s.nextFireAt();
            for (; !fire.isAfter(until); fire = fire.plus(MINUTE)) {
                for (Map<String, Object> cell : s.cells()) {
                    jobs.add(cellJob(s.name(), fire, cell, null));
                }
            }
            return new FirePlan(jobs, fire, skipIfPending);
        };
    }

    private static NewJob cellJob(String schedule, Instant fire, Map<String, Object> cell, Instant expiresAt) {
        return new NewJob("check", "checks", 0, List.of(), cell, null, fire, fire, null, null, schedule, fire,
                Matrix.cellKey(cell), expiresAt);
    }

    private List<Job> jobsOf(String schedule) {
        return store.findJobs(JobQuery.all().withScheduleName(schedule).withLimit(1000)).items();
    }

    @Test
    void eachCellOfAFireTimeIsItsOwnJobAndASecondInsertOfACellFindsTheFirst() {
        Map<String, Object> acme = Map.of("partner", "acme");
        List<EnqueueResult> first = store.insertJobs(List.of(cellJob("s", T0, acme, null),
                cellJob("s", T0, Map.of("partner", "globex"), null)));
        assertThat(first).allMatch(EnqueueResult::created);
        assertThat(first.get(0).jobId()).isNotEqualTo(first.get(1).jobId());

        List<EnqueueResult> again = store.insertJobs(List.of(cellJob("s", T0, acme, null)));
        assertThat(again).containsExactly(new EnqueueResult(first.get(0).jobId(), false));
        assertThat(store.findJob(first.get(0).jobId()).orElseThrow().cell()).as("read back, by id")
                .isEqualTo("{\"partner\":\"acme\"}");
        assertThat(jobsOf("s")).extracting(Job::cell).as("read back, listed")
                .containsExactlyInAnyOrder("{\"partner\":\"acme\"}", "{\"partner\":\"globex\"}");
        assertThat(store.insertJobs(List.of(cellJob("s", T0.plus(MINUTE), acme, null))).get(0).created()).isTrue();
    }

    @Test
    void aMatrixScheduleAndItsExpiryReadBack() {
        Schedule saved = Schedule.builder("grid").task("check").every(MINUTE).kwargs(Map.of("env", "prod"))
                .matrix(Matrix.fromMap(Map.of("partner", List.of("acme", "globex"), "browser", List.of("chrome"),
                        "include", List.of(Map.of("partner", "initech", "browser", "safari")))))
                .expiresAfter(Duration.ofMinutes(3)).build().withRunState(T0, null, 0, T0, T0);
        insertSchedule(saved);

        Schedule read = store.findSchedule("grid").orElseThrow();
        assertThat(read).isEqualTo(saved);
        assertThat(read.cells()).hasSize(3);
        updateSchedule(read.toBuilder().matrix(null).expiresAfter(null).build().withRunState(T0, null, 0, T0, T0));
        assertThat(store.findSchedule("grid").orElseThrow().matrix()).isNull();
        assertThat(store.findSchedule("grid").orElseThrow().expiresAfter()).isNull();
    }

    @Test
    void anEditFromAReadBeforeAFireKeepsTheFiresCounts() {
        Schedule stale = matrixSchedule("grid", T0);
        insertSchedule(stale);
        store.fireDueSchedules(T0, 10, cellsUpTo(T0, false));

        updateSchedule(stale.toBuilder().enabled(false).build().withRunState(null, null, 0, T0, T0.plusSeconds(1)));

        Schedule read = store.findSchedule("grid").orElseThrow();
        assertThat(read.enabled()).isFalse();
        assertThat(read.nextFireAt()).isNull();
        assertThat(read.runCount()).isEqualTo(2);
        assertThat(read.lastFireAt()).isEqualTo(T0);
    }

    @Test
    void catchUpOfAMatrixScheduleCreatesEveryCellOfEveryMissedFireOnce() {
        insertSchedule(matrixSchedule("grid", T0));
        assertThat(store.fireDueSchedules(T0.plusSeconds(150), 10, cellsUpTo(T0.plusSeconds(150), false)))
                .isEqualTo(1);

        assertThat(jobsOf("grid")).extracting(j -> j.fireAt() + " " + j.kwargs().get("partner"))
                .containsExactlyInAnyOrder(T0 + " acme", T0 + " globex", T0.plus(MINUTE) + " acme",
                        T0.plus(MINUTE) + " globex", T0.plus(MINUTE.multipliedBy(2)) + " acme",
                        T0.plus(MINUTE.multipliedBy(2)) + " globex");
        Schedule fired = store.findSchedule("grid").orElseThrow();
        assertThat(fired.runCount()).isEqualTo(6);
        assertThat(fired.lastFireAt()).isEqualTo(T0.plus(MINUTE.multipliedBy(2)));
        assertThat(fired.nextFireAt()).isEqualTo(T0.plus(MINUTE.multipliedBy(3)));
    }

    @Test
    void skipIfPendingIsDecidedPerCell() {
        insertSchedule(matrixSchedule("grid", T0));
        store.fireDueSchedules(T0, 10, cellsUpTo(T0, true));
        Job acme = store.claim("node-1#0000000a", T0, T0.plusSeconds(30), 10, null, null).stream()
                .filter(j -> j.kwargs().get("partner").equals("acme")).findFirst().orElseThrow();
        store.complete(List.of(success(acme, T0.plusSeconds(1))));

        store.fireDueSchedules(T0.plus(MINUTE), 10, cellsUpTo(T0.plus(MINUTE), true));

        // acme's previous job finished: a new one; globex's (claimed with it, still running) is pending: skipped
        assertThat(jobsOf("grid")).extracting(j -> j.fireAt() + " " + j.kwargs().get("partner"))
                .containsExactlyInAnyOrder(T0 + " acme", T0 + " globex", T0.plus(MINUTE) + " acme");
        Schedule fired = store.findSchedule("grid").orElseThrow();
        assertThat(fired.runCount()).isEqualTo(3);
        assertThat(fired.skippedCount()).isEqualTo(1);
    }

    @Test
    void lateRoundOfASkipIfPendingMatrixCreatesTheOldestMissedFirePerCell() {
        insertSchedule(matrixSchedule("grid", T0));
        store.fireDueSchedules(T0.plusSeconds(150), 10, cellsUpTo(T0.plusSeconds(150), true));

        assertThat(jobsOf("grid")).extracting(j -> j.fireAt() + " " + j.kwargs().get("partner"))
                .containsExactlyInAnyOrder(T0 + " acme", T0 + " globex");
        assertThat(store.findSchedule("grid").orElseThrow().skippedCount()).isEqualTo(4);
    }

    @Test
    void concurrentFiringOfMatrixSchedulesCreatesEachCellOfEachFireExactlyOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            insertSchedule(matrixSchedule("grid" + i, T0));
        }
        Instant now = T0.plusSeconds(299);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    int fired = 0;
                    while (store.nextFireAt().filter(next -> !next.isAfter(now)).isPresent()) {
                        fired += store.fireDueSchedules(now, 3, cellsUpTo(now, false));
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
        assertThat(jobs).hasSize(10 * 5 * 2);
        assertThat(jobs.stream().map(j -> j.scheduleName() + "@" + j.fireAt() + "@" + j.kwargs()).distinct())
                .hasSize(100);
    }

    @Test
    void aJobPastItsExpiryIsNeverClaimedAndTheSweepEndsItExpired() {
        long expiring = insert(new NewJob("t", "default", 5, List.of(), Map.of(), "account:1", T0, T0, null, null,
                null, null, "", T0.plusSeconds(60)));
        long plain = insert(job("t", T0));

        assertThat(store.claim("n#00000001", T0.plusSeconds(60), T0.plusSeconds(90), 10, null, null))
                .extracting(Job::id).containsExactly(plain);
        assertThat(store.expireJobs(T0.plusSeconds(59), 100)).isZero();
        assertThat(store.expireJobs(T0.plusSeconds(60), 100)).isEqualTo(1);

        Job expired = reload(expiring);
        assertThat(expired.state()).isEqualTo(JobState.EXPIRED);
        assertThat(expired.finishedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(expired.expiresAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(expired.lastError()).startsWith("expired: not started");
        assertThat(expired.attempts()).isZero();
        assertThat(store.insertJobs(List.of(new NewJob("t", "default", 0, List.of(), Map.of(), "account:1", T0, T0,
                null, null, null, null))).get(0).created()).isTrue(); // its dedup key is free again
        assertThat(store.countJobsByQueueAndState().get("default")).containsEntry(JobState.EXPIRED, 1L);
        assertThat(store.expireJobs(T0.plusSeconds(120), 100)).isZero();
    }

    @Test
    void aJobClaimedBeforeItsExpiryRunsAndIsNotExpired() {
        long id = insert(new NewJob("t", "default", 0, List.of(), Map.of(), null, T0, T0, null, null, null, null, "",
                T0.plusSeconds(60)));
        assertThat(claimOne("n#00000001", T0.plusSeconds(59)).id()).isEqualTo(id);
        assertThat(store.expireJobs(T0.plusSeconds(600), 100)).isZero();
        assertThat(reload(id).state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void aSkipIfPendingCellWhosePreviousJobExpiredGetsTheNextFiresJob() {
        insertSchedule(matrixSchedule("grid", T0));
        store.fireDueSchedules(T0, 10, s -> new FirePlan(s.cells().stream()
                .map(cell -> cellJob(s.name(), T0, cell, T0.plusSeconds(30))).toList(), T0.plus(MINUTE), true));

        store.fireDueSchedules(T0.plus(MINUTE), 10, cellsUpTo(T0.plus(MINUTE), true));

        assertThat(jobsOf("grid")).extracting(j -> j.fireAt() + " " + j.state().wireName())
                .containsExactlyInAnyOrder(T0 + " expired", T0 + " expired", T0.plus(MINUTE) + " scheduled",
                        T0.plus(MINUTE) + " scheduled");
        assertThat(store.findSchedule("grid").orElseThrow().skippedCount()).isZero();
    }

    @Test
    void anAttemptAnOutcomeRuleReclassifiedKeepsTheReportedOutcomeAndTheRule() {
        insert(job("t", T0));
        Job running = claimOne("n#00000001", T0);
        store.complete(List.of(new Completion(running.id(), running.owner(), 1, Outcome.INFRA_ERROR, T0,
                T0.plusSeconds(1), null, "SessionNotCreated", false, null, Outcome.SUCCEEDED, 2)));

        Attempt attempt = store.findAttempts(running.id()).get(0);
        assertThat(attempt.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(attempt.reportedOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(attempt.outcomeRule()).isEqualTo(2);
        assertThat(reload(running.id()).state()).isEqualTo(JobState.FAILED);
    }
}
