package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.job.EnqueueResult;
import io.hourglass.store.NewJob;
import io.hourglass.store.StoreUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on a real (H2) store: calls queued behind the transactions in flight are written as one group, and
 * each caller still gets its own answer or its own error. The grouping tests use one writer, so that the calls
 * made while it is held queue into one group.
 */
class GroupCommitTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private JdbcDataSource dataSource;
    private JdbcStore store;
    private Tx tx;
    private JobWriter writer;
    private final ExecutorService callers = Executors.newFixedThreadPool(8);

    @BeforeEach
    void open() {
        dataSource = new JdbcDataSource();
        // DB_CLOSE_DELAY=-1: without a pool, H2 closes the database whenever its last session closes, and a session
        // opening while it closes could read the file as it was before the migration (seen under load as a missing
        // column, and as ids starting again at 1)
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("hourglass").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1");
        store = JdbcStore.create(dataSource);
        store.migrate();
        tx = new Tx(dataSource);
        H2Dialect dialect = new H2Dialect();
        writer = new JobWriter(tx, dialect, new JsonCodec(), new TableStatistics(tx, dialect, Runnable::run));
    }

    @AfterEach
    void close() throws java.sql.SQLException {
        callers.shutdownNow();
        writer.close();
        store.close();
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Test
    void concurrentSingleEnqueuesEachGetTheirOwnAnswer() throws Exception {
        concurrentSingleEnqueuesEachGetTheirOwnAnswer(store, callers);
    }

    /** 400 single enqueues from 8 threads over 100 dedup keys: one job per key, every call answered its id. */
    static void concurrentSingleEnqueuesEachGetTheirOwnAnswer(JdbcStore store, ExecutorService callers)
            throws Exception {
        List<Future<EnqueueResult>> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String key = "key-" + (i % 100);
            answers.add(callers.submit(() -> store.insertJobs(List.of(deduped(key))).get(0)));
        }

        Map<String, Long> idOfKey = new java.util.HashMap<>();
        int created = 0;
        for (int i = 0; i < answers.size(); i++) {
            EnqueueResult result = answers.get(i).get(30, TimeUnit.SECONDS);
            created += result.created() ? 1 : 0;
            Long known = idOfKey.putIfAbsent("key-" + (i % 100), result.jobId());
            if (known != null) {
                assertThat(result.jobId()).as("call %d", i).isEqualTo(known);
            }
        }
        assertThat(created).isEqualTo(100);
        assertThat(idOfKey.values()).doesNotHaveDuplicates();
    }

    @Test
    void oneCallersBadJobFailsThatCallAloneAndTheOthersAreWritten() throws Exception {
        CountDownLatch firstInFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> transactions = new CopyOnWriteArrayList<>();
        GroupCommit group = new GroupCommit(jobs -> {
            transactions.add(jobs.size());
            if (transactions.size() == 1) {
                firstInFlight.countDown();
                awaitLatch(release);
            }
            return tx.inTransaction(() -> "test insert", c -> writer.insert(c, jobs));
        }, 1);
        try {
            CompletableFuture<List<EnqueueResult>> first = call(group, List.of(deduped("first")));
            awaitLatch(firstInFlight);
            CompletableFuture<List<EnqueueResult>> good = call(group, List.of(deduped("good"), deduped("good")));
            CompletableFuture<List<EnqueueResult>> bad = call(group, List.of(deduped("bad-neighbour"),
                    new NewJob("bad", "q".repeat(201), 0, List.of(), Map.of(), null, T0, T0, null, null, null, null)));
            CompletableFuture<List<EnqueueResult>> late = call(group, List.of(deduped("first")));
            await().atMost(Duration.ofSeconds(30)).until(() -> group.waiting() == 3);
            release.countDown();

            assertThat(first.get(30, TimeUnit.SECONDS)).extracting(EnqueueResult::created).containsExactly(true);
            assertThat(good.get(30, TimeUnit.SECONDS)).extracting(EnqueueResult::created).containsExactly(true, false);
            assertThat(late.get(30, TimeUnit.SECONDS).get(0))
                    .isEqualTo(new EnqueueResult(first.get().get(0).jobId(), false));
            assertThat(bad).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                    .withCauseInstanceOf(StoreException.class).havingRootCause().withMessageContaining("QUEUE");
            // the first alone, then the three queued behind it as one group, which failed, then each alone
            assertThat(transactions.subList(0, 2)).containsExactly(1, 5);
            assertThat(transactions.subList(2, transactions.size())).containsExactlyInAnyOrder(2, 2, 1);
            assertThat(store.findJobs(io.hourglass.job.JobQuery.all()).items())
                    .extracting(io.hourglass.job.Job::dedupKey).containsExactlyInAnyOrder("first", "good");
        } finally {
            group.close();
        }
    }

    @Test
    void anUnreachableDatabaseFailsEveryCallerOfTheGroupWithUnavailable() throws Exception {
        CountDownLatch firstInFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> transactions = new CopyOnWriteArrayList<>();
        Function<List<NewJob>, List<EnqueueResult>> down = jobs -> {
            transactions.add(jobs.size());
            if (transactions.size() == 1) {
                firstInFlight.countDown();
                awaitLatch(release);
            }
            throw new StoreUnavailableException("database unavailable (test)", null);
        };
        GroupCommit group = new GroupCommit(down, 1);
        try {
            CompletableFuture<List<EnqueueResult>> first = call(group, List.of(deduped("a")));
            awaitLatch(firstInFlight);
            List<CompletableFuture<List<EnqueueResult>>> queued = List.of(call(group, List.of(deduped("b"))),
                    call(group, List.of(deduped("c"))));
            await().atMost(Duration.ofSeconds(30)).until(() -> group.waiting() == 2);
            release.countDown();

            for (CompletableFuture<List<EnqueueResult>> answer : List.of(first, queued.get(0), queued.get(1))) {
                assertThat(answer).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                        .withCauseInstanceOf(StoreUnavailableException.class);
            }
            assertThat(transactions).containsExactly(1, 2); // not retried one by one
        } finally {
            group.close();
        }
    }

    @Test
    void manyCallersAtOnceAreEachAnsweredWithTheirOwnResults() throws Exception {
        List<Integer> groups = new CopyOnWriteArrayList<>();
        GroupCommit group = new GroupCommit(jobs -> {
            groups.add(jobs.size());
            return createdWithKeysAsIds(jobs);
        }, 2);
        ExecutorService many = Executors.newFixedThreadPool(16);
        try {
            List<Future<List<EnqueueResult>>> answers = new ArrayList<>();
            for (int i = 1; i <= 20_000; i++) {
                List<NewJob> jobs = i % 3 == 0 ? List.of(deduped(i + "0"), deduped(i + "1")) : List.of(deduped("" + i));
                answers.add(many.submit(() -> group.insert(jobs)));
            }
            int jobs = 0;
            for (int i = 1; i <= answers.size(); i++) {
                List<EnqueueResult> answer = answers.get(i - 1).get(30, TimeUnit.SECONDS);
                if (i % 3 == 0) {
                    assertThat(answer).as("call %d", i).containsExactly(new EnqueueResult(i * 10L, true),
                            new EnqueueResult(i * 10L + 1, true));
                } else {
                    assertThat(answer).as("call %d", i).containsExactly(new EnqueueResult(i, true));
                }
                jobs += answer.size();
            }
            assertThat(groups.stream().mapToInt(Integer::intValue).sum()).isEqualTo(jobs);
            assertThat(group.waiting()).isZero();
        } finally {
            many.shutdownNow();
            group.close();
        }
    }

    /** Calls that arrive together and then stop: each is answered, none waits for a call that never comes. */
    @Test
    void noCallIsLeftWaitingWhenTheCallsStop() throws Exception {
        GroupCommit group = new GroupCommit(GroupCommitTest::createdWithKeysAsIds, 2);
        int callersPerRound = 8;
        ExecutorService together = Executors.newFixedThreadPool(callersPerRound);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(callersPerRound);
            for (int round = 0; round < 2_000; round++) {
                List<Future<List<EnqueueResult>>> answers = new ArrayList<>();
                for (int i = 0; i < callersPerRound; i++) {
                    long id = round * 100L + i;
                    answers.add(together.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return group.insert(List.of(deduped(Long.toString(id))));
                    }));
                }
                for (int i = 0; i < callersPerRound; i++) {
                    assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).as("round %d, call %d", round, i)
                            .containsExactly(new EnqueueResult(round * 100L + i, true));
                }
            }
        } finally {
            together.shutdownNow();
            group.close();
        }
    }

    @Test
    void anInterruptedCallerStillGetsItsAnswerAndKeepsItsInterrupt() throws Exception {
        CountDownLatch firstInFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit group = new GroupCommit(jobs -> {
            if (jobs.get(0).dedupKey().equals("1")) {
                firstInFlight.countDown();
                awaitLatch(release);
            }
            return createdWithKeysAsIds(jobs);
        }, 1);
        try {
            CompletableFuture<List<EnqueueResult>> first = call(group, List.of(deduped("1")));
            awaitLatch(firstInFlight);
            CompletableFuture<Thread> waiter = new CompletableFuture<>();
            CompletableFuture<Boolean> keptInterrupt = new CompletableFuture<>();
            CompletableFuture<List<EnqueueResult>> second = CompletableFuture.supplyAsync(() -> {
                waiter.complete(Thread.currentThread());
                List<EnqueueResult> answer = group.insert(List.of(deduped("2")));
                keptInterrupt.complete(Thread.interrupted());
                return answer;
            }, callers);
            await().atMost(Duration.ofSeconds(30)).until(() -> group.waiting() == 1);
            waiter.get(30, TimeUnit.SECONDS).interrupt();
            assertThat(second).isNotDone();
            release.countDown();

            assertThat(first.get(30, TimeUnit.SECONDS)).containsExactly(new EnqueueResult(1, true));
            assertThat(second.get(30, TimeUnit.SECONDS)).containsExactly(new EnqueueResult(2, true));
            assertThat(keptInterrupt.get(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            group.close();
        }
    }

    private CompletableFuture<List<EnqueueResult>> call(GroupCommit group, List<NewJob> jobs) {
        return CompletableFuture.supplyAsync(() -> group.insert(jobs), callers);
    }

    /** A stand-in transaction: every job created, its id the number its dedup key spells. */
    private static List<EnqueueResult> createdWithKeysAsIds(List<NewJob> jobs) {
        return jobs.stream().map(job -> new EnqueueResult(Long.parseLong(job.dedupKey()), true)).toList();
    }

    static NewJob deduped(String key) {
        return new NewJob("t", "default", 0, List.of(), Map.of(), key, T0, T0, null, null, null, null);
    }

    static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
