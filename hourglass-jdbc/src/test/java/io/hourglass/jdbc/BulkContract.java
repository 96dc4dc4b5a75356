package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.store.BulkCancel;
import io.hourglass.store.NewJob;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bulk reads and writes over jobs matching a filter: the text search, the bounded count and the batch cancel. */
abstract class BulkContract extends MatrixContract {

    @Test
    void textSearchFindsJobsByIdDedupKeyOrArgumentText() {
        long byArgs = insert(new NewJob("mail", "default", 0, List.of("ann@example.com"), Map.of(), null, T0, T0,
                null, null, null, null));
        long byKwargs = insert(new NewJob("mail", "default", 0, List.of(), Map.of("to", "bob@example.com"), null,
                T0, T0, null, null, null, null));
        long byDedup = insert(deduped("mail", "account:42"));
        insert(job("other", T0));

        assertThat(ids(JobQuery.all().withText("example.com"))).containsExactly(byKwargs, byArgs);
        assertThat(ids(JobQuery.all().withText("account:42"))).containsExactly(byDedup);
        assertThat(ids(JobQuery.all().withText(Long.toString(byDedup)))).containsExactly(byDedup);
        long numbered = insert(new NewJob("mail", "default", 0, List.of("987654321987"), Map.of(), "987654321987",
                T0, T0, null, null, null, null));
        assertThat(ids(JobQuery.all().withText("987654321987"))).containsExactly(numbered); // a dedup key, not args
        assertThat(ids(JobQuery.all().withText("\"987654321987\""))).containsExactly(numbered);
        assertThat(ids(JobQuery.all().withText("100%_!"))).isEmpty(); // LIKE wildcards are taken literally
        assertThat(ids(JobQuery.all().withText("bob").withTask("other"))).isEmpty();
    }

    @Test
    void countStopsAtItsCapAndHonoursFiltersAndCursor() {
        List<Long> ids = insertMany(30, "count-me", T0);
        insertMany(5, "not-me", T0);

        assertThat(store.countJobs(JobQuery.all().withTask("count-me"), 100)).isEqualTo(30);
        assertThat(store.countJobs(JobQuery.all().withTask("count-me"), 10)).isEqualTo(10);
        assertThat(store.countJobs(JobQuery.all(), 1000)).isEqualTo(35);
        assertThat(store.countJobs(JobQuery.all().withTask("count-me").withCursor(Long.toString(ids.get(10))), 100))
                .isEqualTo(10);
        assertThat(store.countJobs(JobQuery.all().withStates(Set.of(JobState.FAILED)), 100)).isZero();
        JobQuery unfinished = JobQuery.all().withTask("count-me").withStates(Set.of(JobState.SCHEDULED,
                JobState.RUNNING));
        assertThat(store.countJobs(unfinished, 100)).isEqualTo(30);
        assertThat(store.countJobs(unfinished, 10)).isEqualTo(10);
        assertThat(store.countJobs(unfinished.withCursor(Long.toString(ids.get(10))), 100)).isEqualTo(10);
    }

    @Test
    void cancelJobsCancelsScheduledFlagsRunningAndLeavesFinishedAlone() {
        long scheduled = insert(job("a", T0));
        long running = insert(job("b", T0.plusSeconds(1)));
        long done = insert(job("c", T0.plusSeconds(2)));
        Job claimedRunning = store.claim("node-1", T0.plusSeconds(5), T0.plusSeconds(60), 1, List.of("b"), null)
                .get(0);
        Job claimedDone = store.claim("node-1", T0.plusSeconds(5), T0.plusSeconds(60), 1, List.of("c"), null)
                .get(0);
        store.complete(List.of(outcome(claimedDone, Outcome.FAILED, T0.plusSeconds(6), null)));
        assertThat(claimedRunning.id()).isEqualTo(running);

        BulkCancel first = store.cancelJobs(List.of(scheduled, running, done, done + 1000), T0.plusSeconds(7));
        BulkCancel again = store.cancelJobs(List.of(scheduled, running, done), T0.plusSeconds(8));

        assertThat(first).isEqualTo(new BulkCancel(1, 1));
        assertThat(again).isEqualTo(new BulkCancel(0, 0));
        Job cancelled = reload(scheduled);
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(T0.plusSeconds(7));
        assertThat(cancelled.lastOutcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(reload(running).state()).isEqualTo(JobState.RUNNING);
        assertThat(reload(running).cancelRequested()).isTrue();
        assertThat(reload(done).state()).isEqualTo(JobState.FAILED);
    }

    @Test
    void cancelledJobsReleaseTheirDedupKey() {
        long first = insert(deduped("sync", "account:7"));

        store.cancelJobs(List.of(first), T0.plusSeconds(1));

        assertThat(store.insertJobs(List.of(deduped("sync", "account:7"))).get(0).created()).isTrue();
    }

    @Test
    void aBatchOfManyIdsIsCancelledInOneCall() {
        List<Long> ids = insertMany(1200, "many", T0);

        assertThat(store.cancelJobs(ids, T0.plusSeconds(1))).isEqualTo(new BulkCancel(ids.size(), 0));
        assertThat(store.countJobs(JobQuery.all().withStates(Set.of(JobState.CANCELLED)), 10_000))
                .isEqualTo(ids.size());
    }

    @Test
    void countsByQueueForSomeStatesCountOnlyThoseStates() {
        store.insertJobs(List.of(job("a", "q1", 0, T0), job("a", "q1", 0, T0), job("a", "q2", 0, T0),
                job("a", "q2", 0, T0)));
        Job running = claimOne("node-1", T0);
        long cancelled = insert(job("a", "q1", 0, T0.plusSeconds(60)));
        store.cancelJobs(List.of(cancelled), T0);

        Map<String, Map<JobState, Long>> counts = store.countJobsByQueueAndState(Set.of(JobState.SCHEDULED,
                JobState.RUNNING));

        assertThat(counts.get(running.queue())).containsEntry(JobState.RUNNING, 1L);
        assertThat(counts.values().stream().mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum())
                .sum()).isEqualTo(4);
        assertThat(counts.values()).allSatisfy(m -> assertThat(m).doesNotContainKey(JobState.CANCELLED));
        assertThat(store.countJobsByQueueAndState(Set.of(JobState.CANCELLED)))
                .isEqualTo(Map.of("q1", Map.of(JobState.CANCELLED, 1L)));
    }

    private List<Long> ids(JobQuery query) {
        return store.findJobs(query).items().stream().map(Job::id).toList();
    }
}
