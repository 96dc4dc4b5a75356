package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.FinishedCounts;
import io.hourglass.job.Job;
import io.hourglass.job.JobActivity;
import io.hourglass.job.JobState;
import io.hourglass.store.OutcomeCount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Counts behind the stats endpoint and queue sizes (jobs by queue and state, attempts by outcome per bucket) and
 * the job activity summary live consoles compare between ticks.
 */
abstract class StatsContract extends ScheduleContract {

    @Test
    void jobsAreCountedByQueueAndState() {
        store.insertJobs(List.of(job("a", "mail", 0, T0), job("a", "mail", 0, T0), job("a", "mail", 0, T0),
                job("b", "scrape", 0, T0.plusSeconds(3600))));
        Job running = store.claim("node-1", T0, T0.plusSeconds(30), 1, null, "mail").get(0);
        Job failed = store.claim("node-1", T0, T0.plusSeconds(30), 1, null, "mail").get(0);
        store.complete(List.of(outcome(failed, Outcome.FAILED, T0.plusSeconds(1), null)));

        Map<String, Map<JobState, Long>> counts = store.countJobsByQueueAndState();

        assertThat(counts).containsOnlyKeys("mail", "scrape");
        assertThat(counts.get("mail")).containsOnly(entry(JobState.SCHEDULED, 1L), entry(JobState.RUNNING, 1L),
                entry(JobState.FAILED, 1L));
        assertThat(counts.get("scrape")).containsOnly(entry(JobState.SCHEDULED, 1L));
        assertThat(running.state()).isEqualTo(JobState.RUNNING);
    }

    @Test
    void noJobsCountAsNoQueues() {
        assertThat(store.countJobsByQueueAndState()).isEmpty();
        assertThat(store.countAttempts(T0, T0.plusSeconds(3600), Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void attemptsAreCountedByOutcomePerBucketOfTheirEndWithinTheRange() {
        finish(Outcome.SUCCEEDED, T0.plusSeconds(10));
        finish(Outcome.SUCCEEDED, T0.plusSeconds(59));
        finish(Outcome.FAILED, T0.plusSeconds(30));
        finish(Outcome.SUCCEEDED, T0.plusSeconds(60)); // the next minute's first instant
        finish(Outcome.INFRA_ERROR, T0.plusSeconds(125).plusMillis(500));
        finish(Outcome.SUCCEEDED, T0.minusMillis(1)); // before the range
        finish(Outcome.SUCCEEDED, T0.plusSeconds(180)); // at the range's end, which is excluded

        List<OutcomeCount> perMinute = store.countAttempts(T0, T0.plusSeconds(180), Duration.ofMinutes(1));

        assertThat(perMinute).containsExactly(
                new OutcomeCount(T0, Outcome.SUCCEEDED, 2),
                new OutcomeCount(T0, Outcome.FAILED, 1),
                new OutcomeCount(T0.plusSeconds(60), Outcome.SUCCEEDED, 1),
                new OutcomeCount(T0.plusSeconds(120), Outcome.INFRA_ERROR, 1));
    }

    @Test
    void bucketsAreAlignedToTheEpochNotToTheRangeStart() {
        finish(Outcome.SUCCEEDED, T0.plusSeconds(3599));
        finish(Outcome.SUCCEEDED, T0.plusSeconds(3600 + 5));

        List<OutcomeCount> hourly = store.countAttempts(T0.plusSeconds(1800), T0.plusSeconds(7200),
                Duration.ofHours(1));

        assertThat(hourly).containsExactly(
                new OutcomeCount(T0, Outcome.SUCCEEDED, 1),
                new OutcomeCount(T0.plusSeconds(3600), Outcome.SUCCEEDED, 1));
    }

    @Test
    void noJobsIsNoActivity() {
        assertThat(store.readJobActivity()).isEqualTo(JobActivity.NONE);
    }

    @Test
    void activityChangesWhenAJobIsCreatedClaimedRetriedAndFinished() {
        long first = insert(job("work", T0));
        long second = insert(job("work", T0.plusSeconds(3600)));
        JobActivity created = store.readJobActivity();
        assertThat(created).isEqualTo(new JobActivity(second, 0, null, null, null));

        Job running = claimOne("node-1", T0.plusSeconds(1));
        JobActivity claimed = store.readJobActivity();
        assertThat(running.id()).isEqualTo(first);
        assertThat(claimed.runningJobs()).isEqualTo(1);
        assertThat(claimed.newestStartAt()).isEqualTo(running.startedAt());

        store.complete(List.of(outcome(running, Outcome.FAILED, T0.plusSeconds(2), T0.plusSeconds(10))));
        JobActivity retried = store.readJobActivity();
        assertThat(retried).isEqualTo(new JobActivity(second, 0, null, null, T0.plusSeconds(2)));

        Job again = claimOne("node-1", T0.plusSeconds(10));
        store.complete(List.of(success(again, T0.plusSeconds(11))));
        assertThat(store.readJobActivity()).isEqualTo(
                new JobActivity(second, 0, null, T0.plusSeconds(11), T0.plusSeconds(11)));
    }

    @Test
    void finishedJobsAreCountedByStateSinceTheInstantNotBeforeItAndNotUnfinished() {
        finish(Outcome.SUCCEEDED, T0.minusSeconds(1)); // before the window
        finish(Outcome.SUCCEEDED, T0);
        finish(Outcome.SUCCEEDED, T0.plusSeconds(5));
        finish(Outcome.FAILED, T0.plusSeconds(7));
        long cancelled = insert(job("work", T0.plusSeconds(3600)));
        store.cancel(cancelled, T0.plusSeconds(8));
        insert(job("work", T0.plusSeconds(3600))); // scheduled
        Job retried = claimOne("node-1", T0.plusSeconds(3600));
        store.complete(List.of(outcome(retried, Outcome.FAILED, T0.plusSeconds(9), T0.plusSeconds(60))));

        FinishedCounts counts = store.countFinishedSince(T0, 100);

        assertThat(counts.byState()).containsOnly(entry(JobState.SUCCEEDED, 2L), entry(JobState.FAILED, 1L),
                entry(JobState.CANCELLED, 1L));
        assertThat(counts.capped()).isFalse();
        assertThat(counts.since()).isEqualTo(T0);
        assertThat(counts.countedFrom()).isEqualTo(T0);
        assertThat(store.countFinishedSince(T0.plusSeconds(10), 100))
                .isEqualTo(new FinishedCounts(T0.plusSeconds(10), Map.of(), false, null));
    }

    @Test
    void finishedJobsAreCountedNewestFirstUpToTheCap() {
        finish(Outcome.FAILED, T0.plusSeconds(1));
        finish(Outcome.SUCCEEDED, T0.plusSeconds(2));
        finish(Outcome.SUCCEEDED, T0.plusSeconds(3));
        finish(Outcome.FAILED, T0.plusSeconds(4));

        FinishedCounts counts = store.countFinishedSince(T0, 3);

        assertThat(counts.byState()).containsOnly(entry(JobState.SUCCEEDED, 2L), entry(JobState.FAILED, 1L));
        assertThat(counts.capped()).isTrue();
        assertThat(counts.countedFrom()).isEqualTo(T0.plusSeconds(2));
        assertThat(counts.total()).isEqualTo(3);
    }

    private void finish(Outcome result, Instant at) {
        insert(job("work", T0.minusSeconds(3600)));
        Job claimed = claimOne("node-1", T0.minusSeconds(3600));
        assertThat(store.complete(List.of(outcome(claimed, result, at, null)))[0]).isTrue();
    }
}
