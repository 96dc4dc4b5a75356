package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.CancelResult;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.job.Page;
import io.hourglass.store.Incarnation;
import io.hourglass.store.NewJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Enqueue, dedup, reads, paging and cancel. */
abstract class JobContract extends StoreFixture {

    @Test
    void insertedJobReadsBackWithEveryField() {
        NewJob request = new NewJob("scrape-coned", "scrape", 7, List.of(1, "two", true),
                Map.of("account", Map.of("id", 42, "name", "Ann")), "account:42", T0.plusMillis(1500),
                T0.plusNanos(123_456_789), 5, Duration.ofSeconds(90), null, null);
        long id = insert(request);

        Job job = reload(id);
        assertThat(job.task()).isEqualTo("scrape-coned");
        assertThat(job.queue()).isEqualTo("scrape");
        assertThat(job.priority()).isEqualTo(7);
        assertThat(job.args()).containsExactly(1, "two", true);
        assertThat(job.kwargs()).isEqualTo(Map.of("account", Map.of("id", 42, "name", "Ann")));
        assertThat(job.dedupKey()).isEqualTo("account:42");
        assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(job.dueAt()).isEqualTo(T0.plusMillis(1500));
        assertThat(job.createdAt()).isEqualTo(T0.plusNanos(123_456_000));
        assertThat(job.attempts()).isZero();
        assertThat(job.maxAttempts()).isEqualTo(5);
        assertThat(job.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(job.owner()).isNull();
        assertThat(job.cancelRequested()).isFalse();
        assertThat(store.findJob(id + 1000)).isEmpty();
    }

    @Test
    void argumentsOfMoreThanAMillionCharactersAreStoredAndReadBack() {
        // a 1 MiB request body can come to more than a million characters as stored JSON (1e6 is "1000000.0")
        List<Object> args = new ArrayList<>(java.util.Collections.nCopies(150_000, 1_000_000.0));
        Map<String, Object> kwargs = Map.of("blob", "x".repeat(1_100_000));
        long id = insert(new NewJob("big", "default", 0, args, kwargs, null, T0, T0, null, null, null, null));
        Job job = reload(id);
        assertThat(job.args()).hasSize(150_000);
        assertThat((String) job.kwargs().get("blob")).hasSize(1_100_000);
    }

    @Test
    void resultsComeInInputOrderWithIncreasingIds() {
        List<Long> ids = insertMany(TableStatistics.THRESHOLD, "bulk", T0);
        assertThat(ids).hasSize(TableStatistics.THRESHOLD).doesNotHaveDuplicates().isSorted();
        assertThat(store.countScheduled("default")).isEqualTo(TableStatistics.THRESHOLD);
        assertThat(store.claim("node-1", T0, T0.plusSeconds(30), 500, null, null)).hasSize(500)
                .allMatch(job -> job.task().equals("bulk"));
    }

    @Test
    void duplicateDedupKeyReturnsExistingJob() {
        long first = insert(deduped("scrape", "account:1"));

        List<EnqueueResult> again = store.insertJobs(List.of(deduped("scrape", "account:1"), deduped("scrape", "account:2")));

        assertThat(again.get(0)).isEqualTo(new EnqueueResult(first, false));
        assertThat(again.get(1).created()).isTrue();
        assertThat(store.findJobs(JobQuery.all().withDedupKey("account:1")).items()).hasSize(1);
    }

    @Test
    void duplicatesBeyondOneLookupChunkAllFindTheirHolders() {
        // holders are looked up in chunks (an H2 array holds at most 65,536 keys; a feed's poll may skip more)
        int n = JobWriter.CHUNK * 2 + 500;
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            jobs.add(deduped("scrape", "account:" + i));
        }
        List<EnqueueResult> first = store.insertJobs(jobs);

        List<EnqueueResult> again = store.insertJobs(jobs);

        assertThat(again).noneMatch(EnqueueResult::created);
        assertThat(again).extracting(EnqueueResult::jobId).isEqualTo(first.stream().map(EnqueueResult::jobId).toList());
    }

    @Test
    void dedupKeyIsTakenWhileRunningAndFreeAgainOnceFinished() {
        long first = insert(deduped("scrape", "account:1"));
        Job running = claimOne("node-1", T0);
        assertThat(store.insertJobs(List.of(deduped("scrape", "account:1"))).get(0))
                .isEqualTo(new EnqueueResult(first, false));

        store.complete(List.of(success(running, T0.plusSeconds(1))));

        EnqueueResult next = store.insertJobs(List.of(deduped("scrape", "account:1"))).get(0);
        assertThat(next.created()).isTrue();
        assertThat(next.jobId()).isNotEqualTo(first);
        assertThat(store.lastSuccess("account:1")).contains(T0.plusSeconds(1));
        assertThat(store.lastSuccess("account:unknown")).isEmpty();
    }

    @Test
    void duplicateDedupKeysWithinOneBatchShareTheFirstJob() {
        List<EnqueueResult> results = store.insertJobs(List.of(
                deduped("a", "k"), deduped("b", "other"), deduped("c", "k"), job("plain", T0), deduped("d", "k")));

        assertThat(results.get(0).created()).isTrue();
        assertThat(results.get(1).created()).isTrue();
        assertThat(results.get(2)).isEqualTo(new EnqueueResult(results.get(0).jobId(), false));
        assertThat(results.get(3).created()).isTrue();
        assertThat(results.get(4)).isEqualTo(new EnqueueResult(results.get(0).jobId(), false));
        assertThat(reload(results.get(0).jobId()).task()).isEqualTo("a");
    }

    @Test
    void concurrentInsertsOfOneDedupKeyCreateOneJob() throws Exception {
        int threads = 4;
        int keys = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<EnqueueResult>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<EnqueueResult> mine = new ArrayList<>();
                    for (int k = 0; k < keys; k++) {
                        mine.addAll(store.insertJobs(List.of(deduped("t", "key-" + k))));
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<List<EnqueueResult>> all = new ArrayList<>();
            for (Future<List<EnqueueResult>> future : futures) {
                all.add(future.get(60, TimeUnit.SECONDS));
            }
            for (int k = 0; k < keys; k++) {
                int key = k;
                assertThat(all.stream().map(results -> results.get(key).jobId()).distinct()).hasSize(1);
                assertThat(all.stream().filter(results -> results.get(key).created())).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.countScheduled("default")).isEqualTo(keys);
    }

    @Test
    void existingScheduleFireTimeIsNotInsertedTwice() {
        long first = insert(fired("hourly", T0));

        List<EnqueueResult> results = store.insertJobs(List.of(fired("hourly", T0), fired("hourly", T0.plusSeconds(3600)),
                fired("hourly", T0.plusSeconds(3600))));

        assertThat(results.get(0)).isEqualTo(new EnqueueResult(first, false));
        assertThat(results.get(1).created()).isTrue();
        assertThat(results.get(2)).isEqualTo(new EnqueueResult(results.get(1).jobId(), false));
        Job job = reload(results.get(1).jobId());
        assertThat(job.scheduleName()).isEqualTo("hourly");
        assertThat(job.fireAt()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void findJobsPagesNewestFirstWithCursor() {
        List<Long> ids = insertMany(7, "paged", T0);
        insert(job("other-task", "other", 0, T0));

        JobQuery query = JobQuery.all().withTask("paged").withLimit(3);
        Page<Job> first = store.findJobs(query);
        Page<Job> second = store.findJobs(query.withCursor(first.nextCursor()));
        Page<Job> third = store.findJobs(query.withCursor(second.nextCursor()));

        List<Long> seen = new ArrayList<>();
        for (Page<Job> page : List.of(first, second, third)) {
            page.items().forEach(j -> seen.add(j.id()));
        }
        List<Long> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(first.items()).hasSize(3);
        assertThat(third.items()).hasSize(1);
        assertThat(third.nextCursor()).isNull();
        assertThat(store.findJobs(JobQuery.all().withTask("paged").withLimit(7)).nextCursor()).isNull();
    }

    @Test
    void runningJobsAreListedCountedAndPagedWithTheRestOfTheirTaskAndQueue() {
        long done = insert(job("scan", "lane", 0, T0.minusSeconds(2)));
        long runs = insert(job("scan", "lane", 0, T0.minusSeconds(1)));
        long waits = insert(job("scan", "lane", 0, T0.plusSeconds(3600)));
        long alsoRuns = insert(job("scan", "lane", 0, T0));
        insert(job("other", "elsewhere", 0, T0.plusSeconds(3600)));
        Job first = claimOne("node-1", T0);
        assertThat(first.id()).isEqualTo(done);
        store.complete(List.of(success(first, T0.plusSeconds(1))));
        assertThat(store.claim("node-1", T0, T0.plusSeconds(30), 2, null, null)).extracting(Job::id)
                .containsExactlyInAnyOrder(runs, alsoRuns);

        // newest first across the running jobs and the others, the cursor crossing from one to the other
        JobQuery byTask = JobQuery.all().withTask("scan").withLimit(2);
        Page<Job> firstPage = store.findJobs(byTask);
        assertThat(firstPage.items()).extracting(Job::id).containsExactly(alsoRuns, waits);
        assertThat(store.findJobs(byTask.withCursor(firstPage.nextCursor())).items()).extracting(Job::id)
                .containsExactly(runs, done);
        assertThat(ids(JobQuery.all().withQueue("lane").withStates(Set.of(JobState.RUNNING, JobState.SUCCEEDED))))
                .containsExactly(alsoRuns, runs, done);
        assertThat(ids(JobQuery.all().withQueue("lane").withStates(Set.of(JobState.RUNNING))))
                .containsExactly(alsoRuns, runs);
        assertThat(store.countJobs(JobQuery.all().withTask("scan"), 100)).isEqualTo(4);
        assertThat(store.countJobs(JobQuery.all().withTask("scan"), 3)).isEqualTo(3);
        assertThat(store.countJobs(JobQuery.all().withQueue("lane").withStates(Set.of(JobState.RUNNING)), 100))
                .isEqualTo(2);
    }

    @Test
    void findJobsFiltersByStateQueueDedupKeyScheduleAndDueRange() {
        long early = insert(job("t", "q1", 0, T0));
        long late = insert(job("t", "q2", 0, T0.plusSeconds(60)));
        long keyed = insert(deduped("t", "key-1"));
        long fromSchedule = insert(fired("nightly", T0.plusSeconds(120)));
        Job running = claimOne("node-1", T0);

        assertThat(ids(JobQuery.all().withStates(Set.of(JobState.RUNNING)))).containsExactly(running.id());
        assertThat(ids(JobQuery.all().withQueue("q2"))).containsExactly(late);
        assertThat(ids(JobQuery.all().withDedupKey("key-1"))).containsExactly(keyed);
        assertThat(ids(JobQuery.all().withScheduleName("nightly"))).containsExactly(fromSchedule);
        assertThat(ids(JobQuery.all().withDueBetween(T0.plusSeconds(60), T0.plusSeconds(120)))).containsExactly(late);
        assertThat(ids(JobQuery.all().withStates(Set.of(JobState.SCHEDULED, JobState.RUNNING))))
                .containsExactlyInAnyOrder(early, late, keyed, fromSchedule);
    }

    @Test
    void findJobsFiltersByOutcomeNodeAndCreatedAndFinishedRanges() {
        long old = insert(new NewJob("t", "default", 0, List.of(), Map.of(), null, T0.plusSeconds(7200),
                T0.minusSeconds(3600), null, null, null, null));
        long waiting = insert(job("t", T0.plusSeconds(3600)));
        insert(job("t", T0));
        Job first = claimOne("node-a", T0);
        store.complete(List.of(success(first, T0.plusSeconds(10))));
        insert(job("t", T0));
        Job second = claimOne("node-b", T0.plusSeconds(20));
        store.complete(List.of(outcome(second, Outcome.FAILED, T0.plusSeconds(30), null)));
        insert(job("t", T0));
        Job running = claimOne("node-a", T0.plusSeconds(40));

        assertThat(ids(JobQuery.all().withOutcome(Outcome.SUCCEEDED))).containsExactly(first.id());
        assertThat(ids(JobQuery.all().withOutcome(Outcome.FAILED))).containsExactly(second.id());
        assertThat(ids(JobQuery.all().withNode("node-a"))).containsExactly(running.id(), first.id());
        assertThat(ids(JobQuery.all().withNode("node-b"))).containsExactly(second.id());
        assertThat(ids(JobQuery.all().withCreatedBetween(null, T0))).containsExactly(old);
        assertThat(ids(JobQuery.all().withCreatedBetween(T0, null))).doesNotContain(old).contains(waiting);
        assertThat(ids(JobQuery.all().withFinishedBetween(T0.plusSeconds(10), T0.plusSeconds(30))))
                .containsExactly(first.id());
        assertThat(ids(JobQuery.all().withFinishedBetween(T0, null))).containsExactly(second.id(), first.id());
    }

    @Test
    void nodeFilterByNameFindsTheJobsOfEveryIncarnationOfThatNameAndNoOtherName() {
        insert(job("t", T0));
        Job earlier = claimOne(new Incarnation("node-x", "0000abcd").owner(), T0);
        store.complete(List.of(success(earlier, T0.plusSeconds(1))));
        insert(job("t", T0));
        Job current = claimOne(new Incarnation("node-x", "1234abcd").owner(), T0.plusSeconds(2));
        insert(job("t", T0));
        claimOne(new Incarnation("node-x_2", "1234abcd").owner(), T0.plusSeconds(3)); // '_' is no wildcard
        insert(job("t", T0));
        Job worker = claimOne("scanner-1", T0.plusSeconds(4));

        assertThat(ids(JobQuery.all().withNode("node-x"))).containsExactly(current.id(), earlier.id());
        assertThat(ids(JobQuery.all().withNode("node-x#1234abcd"))).containsExactly(current.id());
        assertThat(ids(JobQuery.all().withNode("node"))).isEmpty();
        assertThat(ids(JobQuery.all().withNode("scanner-1"))).containsExactly(worker.id());
    }

    private List<Long> ids(JobQuery query) {
        return store.findJobs(query).items().stream().map(Job::id).toList();
    }

    @Test
    void overdueJobsAreScheduledOnesDueBeforeNowOldestFirst() {
        long second = insert(job("t", T0.minusSeconds(10)));
        long first = insert(job("t", T0.minusSeconds(20)));
        insert(job("t", T0.plusSeconds(5)));
        long claimedOne = insert(job("t", T0.minusSeconds(30)));
        assertThat(claimOne("node-1", T0).id()).isEqualTo(claimedOne);

        assertThat(store.findOverdue(T0, 10)).extracting(Job::id).containsExactly(first, second);
        assertThat(store.findOverdue(T0, 1)).extracting(Job::id).containsExactly(first);
    }

    @Test
    void countScheduledCountsOnlyWaitingJobsOfThatQueue() {
        insert(job("t", "q", 0, T0));
        insert(job("t", "q", 0, T0));
        insert(job("t", "elsewhere", 0, T0));
        store.claim("node-1", T0, T0.plusSeconds(30), 1, null, "q");

        assertThat(store.countScheduled("q")).isEqualTo(1);
        assertThat(store.countScheduled("empty")).isZero();
    }

    @Test
    void cancelHandlesScheduledRunningFinishedAndUnknownJobs() {
        long scheduled = insert(deduped("t", "cancel-me"));
        assertThat(store.cancel(scheduled, T0.plusSeconds(1))).isEqualTo(CancelResult.CANCELLED);
        Job cancelled = reload(scheduled);
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(cancelled.lastOutcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(store.insertJobs(List.of(deduped("t", "cancel-me"))).get(0).created()).isTrue();
        assertThat(store.cancel(scheduled, T0.plusSeconds(2))).isEqualTo(CancelResult.ALREADY_FINISHED);

        Job running = claimOne("node-1", T0);
        assertThat(store.cancel(running.id(), T0)).isEqualTo(CancelResult.CANCELLATION_REQUESTED);
        assertThat(reload(running.id()).cancelRequested()).isTrue();
        assertThat(reload(running.id()).state()).isEqualTo(JobState.RUNNING);

        assertThat(store.cancel(running.id() + 1000, T0)).isEqualTo(CancelResult.NOT_FOUND);
    }

    @Test
    void makeDueMovesAScheduledJobForwardAndNothingElse() {
        long later = insert(job("t", "q", 4, T0.plusSeconds(3600)));

        assertThat(store.makeDue(later, T0.plusSeconds(1))).isTrue();

        Job due = reload(later);
        assertThat(due.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(due.dueAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(due.queue()).isEqualTo("q");
        assertThat(due.priority()).isEqualTo(4);
        assertThat(due.attempts()).isZero();
        assertThat(store.nextDueAt(null)).contains(T0.plusSeconds(1));
        assertThat(store.findOverdue(T0.plusSeconds(2), 10)).extracting(Job::id).containsExactly(later);
        assertThat(store.claim("node-1", T0.plusSeconds(1), T0.plusSeconds(30), 5, null, null))
                .extracting(Job::id).containsExactly(later);
    }

    @Test
    void makeDueOfAJobWaitingForItsRetryKeepsItsAttempts() {
        long id = insert(job("t", T0));
        Job first = claimOne("node-1", T0);
        store.complete(List.of(outcome(first, Outcome.INFRA_ERROR, T0.plusSeconds(1), T0.plusSeconds(600))));

        assertThat(store.makeDue(id, T0.plusSeconds(2))).isTrue();

        Job due = reload(id);
        assertThat(due.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(due.dueAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(due.attempts()).isEqualTo(1);
        assertThat(claimOne("node-1", T0.plusSeconds(2)).attempts()).isEqualTo(2);
    }

    @Test
    void makeDueLeavesAnAlreadyDueJobAsItIs() {
        long overdue = insert(job("t", T0.minusSeconds(60)));

        assertThat(store.makeDue(overdue, T0)).isTrue();
        assertThat(reload(overdue).dueAt()).isEqualTo(T0.minusSeconds(60));
        long exactlyDue = insert(job("t", T0));
        assertThat(store.makeDue(exactlyDue, T0)).isTrue();
        assertThat(reload(exactlyDue).dueAt()).isEqualTo(T0);
    }

    @Test
    void makeDueRefusesRunningFinishedAndUnknownJobs() {
        insert(job("t", T0));
        Job running = claimOne("node-1", T0);
        long succeeded = insert(job("t", T0));
        store.complete(List.of(success(claimOne("node-1", T0), T0.plusSeconds(1))));
        long cancelled = insert(job("t", T0.plusSeconds(3600)));
        store.cancel(cancelled, T0);

        assertThat(store.makeDue(running.id(), T0.plusSeconds(5))).isFalse();
        assertThat(store.makeDue(succeeded, T0.plusSeconds(5))).isFalse();
        assertThat(store.makeDue(cancelled, T0.plusSeconds(5))).isFalse();
        assertThat(store.makeDue(cancelled + 1000, T0.plusSeconds(5))).isFalse();
        assertThat(reload(running.id()).state()).isEqualTo(JobState.RUNNING);
        assertThat(reload(running.id()).dueAt()).isEqualTo(T0);
        assertThat(reload(succeeded).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(reload(cancelled).dueAt()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void unfinishedJobsAreScheduledOrRunningOnesOfThatTask() {
        assertThat(store.hasUnfinishedJobs("report")).isFalse();
        long waiting = insert(job("report", T0.plusSeconds(3600)));
        assertThat(store.hasUnfinishedJobs("report")).isTrue();
        insert(job("other", T0));

        store.cancel(waiting, T0);
        assertThat(store.hasUnfinishedJobs("report")).isFalse();
        insert(job("report", T0.minusSeconds(1)));
        Job running = claimOne("node-1", T0);
        assertThat(running.task()).isEqualTo("report");
        assertThat(store.hasUnfinishedJobs("report")).isTrue();

        store.complete(List.of(outcome(running, Outcome.FAILED, T0.plusSeconds(1), null)));
        assertThat(store.hasUnfinishedJobs("report")).isFalse();
        assertThat(store.hasUnfinishedJobs("other")).isTrue();
    }
}
