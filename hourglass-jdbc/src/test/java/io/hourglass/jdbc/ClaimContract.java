package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.job.JobState;
import io.hourglass.queue.QueueConfig;
import io.hourglass.store.Completion;
import io.hourglass.store.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Claims, queue rules, concurrency, completion with fencing, heartbeats and leases. */
abstract class ClaimContract extends JobContract {

    @Test
    void claimTakesHighestPriorityThenEarliestDue() {
        long lowEarly = insert(job("t", "default", 1, T0.minusSeconds(30)));
        long highLate = insert(job("t", "default", 5, T0.minusSeconds(10)));
        long highEarly = insert(job("t", "default", 5, T0.minusSeconds(20)));
        long lowLate = insert(job("t", "default", 1, T0.minusSeconds(5)));

        List<Job> claimed = store.claim("node-1", T0, T0.plusSeconds(30), 3, null, null);

        assertThat(claimed).extracting(Job::id).containsExactly(highEarly, highLate, lowEarly);
        Job first = claimed.get(0);
        assertThat(first.state()).isEqualTo(JobState.RUNNING);
        assertThat(first.owner()).isEqualTo("node-1");
        assertThat(first.leaseUntil()).isEqualTo(T0.plusSeconds(30));
        assertThat(first.startedAt()).isEqualTo(T0);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(reload(lowLate).state()).isEqualTo(JobState.SCHEDULED);
    }

    @Test
    void jobsNotYetDueAreLeftAlone() {
        long due = insert(job("t", T0));
        long later = insert(job("t", T0.plusMillis(1)));

        assertThat(store.claim("node-1", T0, T0.plusSeconds(30), 10, null, null)).extracting(Job::id)
                .containsExactly(due);
        assertThat(reload(later).state()).isEqualTo(JobState.SCHEDULED);
        assertThat(store.nextDueAt(null)).contains(T0.plusMillis(1));
    }

    @Test
    void claimAheadTakesJobsDueByItsDueByButLimitedQueuesOnlyWhenDue() {
        long dueNow = insert(job("t", "open", 0, T0));
        long dueSoon = insert(job("t", "open", 0, T0.plusMillis(100)));
        long dueAfter = insert(job("t", "open", 0, T0.plusMillis(101)));
        store.saveQueue(QueueConfig.unlimited("limited").withConcurrency(5));
        long limitedSoon = insert(job("t", "limited", 9, T0.plusMillis(50)));
        long expiresBeforeDue = insert(new NewJob("t", "open", 0, List.of(), Map.of(), null,
                T0.plusMillis(80), T0, null, null, null, null, "", T0.plusMillis(60)));

        List<Job> claimed = store.claim("node-1", T0, T0.plusMillis(100), T0.plusSeconds(30), 10, null, null);

        assertThat(claimed).extracting(Job::id).containsExactly(dueNow, dueSoon);
        assertThat(claimed.get(1).dueAt()).isEqualTo(T0.plusMillis(100));
        assertThat(claimed.get(1).leaseUntil()).isEqualTo(T0.plusSeconds(30));
        assertThat(reload(dueAfter).state()).isEqualTo(JobState.SCHEDULED);
        assertThat(reload(limitedSoon).state()).isEqualTo(JobState.SCHEDULED);
        assertThat(reload(expiresBeforeDue).state()).isEqualTo(JobState.SCHEDULED); // would start after its expiry
        assertThat(store.claim("node-1", T0.plusMillis(50), T0.plusMillis(150), T0.plusSeconds(30), 10, null, null))
                .extracting(Job::id).containsExactly(limitedSoon, dueAfter);
    }

    @Test
    void pausedQueueIsNeverClaimedNorWaitedFor() {
        insert(job("t", "paused", 9, T0.minusSeconds(60)));
        long open = insert(job("t", "open", 0, T0));
        store.saveQueue(QueueConfig.unlimited("paused").withPaused(true));

        assertThat(store.nextDueAt(null)).contains(T0);
        assertThat(store.claim("node-1", T0, T0.plusSeconds(30), 10, null, "paused")).isEmpty();
        assertThat(store.claim("node-1", T0, T0.plusSeconds(30), 10, null, null)).extracting(Job::id)
                .containsExactly(open);
        assertThat(store.nextDueAt(null)).isEmpty();

        store.saveQueue(QueueConfig.unlimited("paused"));
        assertThat(store.claim("node-1", T0, T0.plusSeconds(30), 10, null, null)).hasSize(1);
    }

    @Test
    void claimFiltersByTaskAndQueue() {
        long a = insert(job("task-a", "q1", 0, T0));
        long b = insert(job("task-b", "q1", 0, T0));
        long c = insert(job("task-a", "q2", 0, T0));

        assertThat(store.claim("n", T0, T0.plusSeconds(30), 10, Set.of("task-b"), null)).extracting(Job::id)
                .containsExactly(b);
        assertThat(store.claim("n", T0, T0.plusSeconds(30), 10, null, "q2")).extracting(Job::id).containsExactly(c);
        assertThat(store.claim("n", T0, T0.plusSeconds(30), 10, Set.of("task-b"), null)).isEmpty();
        assertThat(store.nextDueAt(Set.of("task-a"))).contains(T0);
        assertThat(store.nextDueAt(Set.of("task-b"))).isEmpty();
        assertThat(store.claim("n", T0, T0.plusSeconds(30), 10, List.of(), null)).isEmpty();
        assertThat(store.claim("n", T0, T0.plusSeconds(30), 10, Set.of("task-a", "task-b"), "q1"))
                .extracting(Job::id).containsExactly(a);
    }

    @Test
    void queueConcurrencyLimitHoldsAcrossConcurrentClaimers() throws Exception {
        store.saveQueue(QueueConfig.unlimited("limited").withConcurrency(3));
        for (int i = 0; i < 20; i++) {
            insert(job("t", "limited", 0, T0));
        }
        long free = insert(job("t", "free", 0, T0));

        List<Job> claimed = claimConcurrently(4, 10, null, null);

        assertThat(claimed.stream().filter(j -> j.queue().equals("limited"))).hasSize(3);
        assertThat(claimed).extracting(Job::id).contains(free);
        Job one = claimed.stream().filter(j -> j.queue().equals("limited")).findFirst().orElseThrow();
        store.complete(List.of(success(one, T0.plusSeconds(1))));
        assertThat(store.claim("n", T0, T0.plusSeconds(30), 10, null, "limited")).hasSize(1);
        assertThat(store.claim("n", T0, T0.plusSeconds(30), 10, null, "limited")).isEmpty();
    }

    @Test
    void concurrentClaimersClaimEachJobExactlyOnce() throws Exception {
        insertMany(2000, "contended", T0);

        List<Job> claimed = claimConcurrently(4, 50, Set.of("contended"), null);

        assertThat(claimed).hasSize(2000);
        assertThat(claimed.stream().map(Job::id).distinct()).hasSize(2000);
        assertThat(claimed).allMatch(j -> j.attempts() == 1);
    }

    /** Claims from {@code threads} threads, each looping until nothing is left to claim; returns all claims. */
    private List<Job> claimConcurrently(int threads, int batch, Collection<String> tasks, String queue)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Job> claimed = new ArrayList<>();
        try {
            List<Future<List<Job>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String owner = "node-" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Job> mine = new ArrayList<>();
                    int emptyInARow = 0;
                    while (emptyInARow < 3) {
                        List<Job> got = store.claim(owner, T0, T0.plusSeconds(30), batch, tasks, queue);
                        mine.addAll(got);
                        emptyInARow = got.isEmpty() ? emptyInARow + 1 : 0;
                    }
                    return mine;
                }));
            }
            start.countDown();
            for (Future<List<Job>> future : futures) {
                claimed.addAll(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        return claimed;
    }

    @Test
    void completionIsFencedByOwnerAndAttempt() {
        insert(job("t", T0));
        Job running = claimOne("node-1", T0);
        Completion wrongOwner = new Completion(running.id(), "zombie", running.attempts(), Outcome.SUCCEEDED, T0,
                T0.plusSeconds(1), null, null, false, null);
        Completion wrongAttempt = new Completion(running.id(), "node-1", running.attempts() + 1, Outcome.SUCCEEDED,
                T0, T0.plusSeconds(1), null, null, false, null);

        assertThat(store.complete(List.of(wrongOwner, wrongAttempt))).containsExactly(false, false);
        assertThat(reload(running.id()).state()).isEqualTo(JobState.RUNNING);
        assertThat(store.findAttempts(running.id())).isEmpty();

        Completion done = success(running, T0.plusSeconds(2));
        assertThat(store.complete(List.of(done, done))).containsExactly(true, false);
        assertThat(store.complete(List.of(success(running, T0.plusSeconds(3))))).containsExactly(false);
        assertThat(store.findAttempts(running.id())).hasSize(1);
    }

    @Test
    void completionEndsJobInTheStateOfItsOutcomeAndRecordsTheAttempt() {
        List<Long> ids = insertMany(4, "t", T0);
        List<Job> running = store.claim("node-1", T0, T0.plusSeconds(30), 4, null, null);
        Completion truncated = new Completion(running.get(0).id(), "node-1", 1, Outcome.SUCCEEDED, T0,
                T0.plusSeconds(2), null, "lots of output", true, null);

        boolean[] accepted = store.complete(List.of(truncated,
                outcome(running.get(1), Outcome.FAILED, T0.plusSeconds(3), null),
                outcome(running.get(2), Outcome.TIMED_OUT, T0.plusSeconds(4), null),
                outcome(running.get(3), Outcome.CANCELLED, T0.plusSeconds(5), null)));

        assertThat(accepted).containsExactly(true, true, true, true);
        assertThat(ids).containsExactlyInAnyOrderElementsOf(running.stream().map(Job::id).toList());
        Job succeeded = reload(running.get(0).id());
        assertThat(succeeded.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(succeeded.finishedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(succeeded.lastOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(succeeded.leaseUntil()).isNull();
        assertThat(reload(running.get(1).id()).state()).isEqualTo(JobState.FAILED);
        assertThat(reload(running.get(1).id()).lastError()).isEqualTo("it broke");
        assertThat(reload(running.get(2).id()).state()).isEqualTo(JobState.FAILED);
        assertThat(reload(running.get(2).id()).lastOutcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(reload(running.get(3).id()).state()).isEqualTo(JobState.CANCELLED);
        assertThat(store.findAttempts(running.get(0).id())).containsExactly(new Attempt(running.get(0).id(), 1,
                "node-1", T0, T0.plusSeconds(2), Outcome.SUCCEEDED, null, "lots of output", true));
    }

    @Test
    void retryReturnsJobToScheduledKeepingItsDedupKey() {
        long id = insert(deduped("t", "retry-me"));
        Job first = claimOne("node-1", T0);

        assertThat(store.complete(List.of(outcome(first, Outcome.INFRA_ERROR, T0.plusSeconds(1), T0.plusSeconds(10)))))
                .containsExactly(true);

        Job waiting = reload(id);
        assertThat(waiting.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(waiting.dueAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(waiting.owner()).isNull();
        assertThat(waiting.leaseUntil()).isNull();
        assertThat(waiting.lastOutcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(waiting.lastError()).isEqualTo("it broke");
        assertThat(store.insertJobs(List.of(deduped("t", "retry-me"))).get(0).created()).isFalse();
        assertThat(store.claim("node-2", T0.plusSeconds(5), T0.plusSeconds(35), 1, null, null)).isEmpty();

        Job second = claimOne("node-2", T0.plusSeconds(10));
        assertThat(second.attempts()).isEqualTo(2);
        store.complete(List.of(success(second, T0.plusSeconds(11))));
        assertThat(store.findAttempts(id)).extracting(Attempt::number, Attempt::owner, Attempt::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "node-1", Outcome.INFRA_ERROR),
                        org.assertj.core.groups.Tuple.tuple(2, "node-2", Outcome.SUCCEEDED));
    }

    @Test
    void renewLeaseIsFencedByOwnerAndAttempt() {
        insert(job("t", T0));
        Job running = claimOne("node-1", T0);

        assertThat(store.renewLease(running.id(), "node-2", 1, T0, Duration.ofSeconds(99))).isEmpty();
        assertThat(store.renewLease(running.id(), "node-1", 2, T0, Duration.ofSeconds(99))).isEmpty();
        assertThat(store.renewLease(running.id(), "node-1", 1, T0, Duration.ofSeconds(60))).isPresent();
        assertThat(reload(running.id()).leaseUntil()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void expiredLeasesAreFoundOldestFirst() {
        insertMany(3, "t", T0);
        Job a = store.claim("a", T0, T0.plusSeconds(20), 1, null, null).get(0);
        Job b = store.claim("b", T0, T0.plusSeconds(10), 1, null, null).get(0);
        store.claim("c", T0, T0.plusSeconds(60), 1, null, null);

        Instant now = T0.plusSeconds(30);
        assertThat(store.findExpiredLeases(now, 10)).extracting(Job::id).containsExactly(b.id(), a.id());
        assertThat(store.findExpiredLeases(now, 1)).extracting(Job::id).containsExactly(b.id());
        assertThat(store.findExpiredLeases(T0.plusSeconds(10), 10)).isEmpty();
    }

    @Test
    void claimNeverReturnsMoreThanItsLimit() {
        insertMany(10, "t", T0);
        AtomicInteger total = new AtomicInteger();
        Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            List<Job> got = store.claim("n" + i, T0, T0.plusSeconds(30), 3, null, null);
            assertThat(got.size()).isLessThanOrEqualTo(3);
            got.forEach(j -> seen.add(j.id()));
            total.addAndGet(got.size());
        }
        assertThat(total.get()).isEqualTo(10);
        assertThat(seen).hasSize(10);
    }
}
