package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.store.NewJob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The insert of a batch of jobs, each way a dialect may take it (on PostgreSQL: {@code COPY} for jobs no unique
 * key can refuse, column arrays for the others, each past its internal chunk sizes): dedup within the batch and
 * against stored jobs, fire-key conflicts, awkward text, and a bad row failing the whole batch.
 */
abstract class InsertContract extends BulkContract {
    private static final Instant DUE = Instant.parse("2026-01-01T00:00:01.123456Z");

    @Test
    void aMixedBatchReportsEachJobInInputOrderTheFirstOfAKeyWinning() {
        long held = insert(deduped("sync", "held"));
        long fire = insert(fired("nightly", T0));

        List<EnqueueResult> results = store.insertJobs(List.of(job("free", T0), deduped("sync", "a"),
                deduped("sync", "a"), deduped("sync", "held"), job("free", T0), fired("nightly", T0.plusSeconds(60)),
                fired("nightly", T0.plusSeconds(60)), fired("nightly", T0), deduped("sync", "b")));

        assertThat(results).extracting(EnqueueResult::created)
                .containsExactly(true, true, false, false, true, true, false, false, true);
        assertThat(results.get(2).jobId()).isEqualTo(results.get(1).jobId());
        assertThat(results.get(3).jobId()).isEqualTo(held);
        assertThat(results.get(6).jobId()).isEqualTo(results.get(5).jobId());
        assertThat(results.get(7).jobId()).isEqualTo(fire);
        List<Long> createdIds = results.stream().filter(EnqueueResult::created).map(EnqueueResult::jobId).toList();
        assertThat(createdIds).isSorted().doesNotHaveDuplicates();
        assertThat(store.countJobs(JobQuery.all(), 100)).isEqualTo(2 + createdIds.size());
        assertThat(reload(results.get(0).jobId()).task()).isEqualTo("free");
        assertThat(reload(results.get(1).jobId()).dedupKey()).isEqualTo("a");
    }

    @Test
    void aBatchLargerThanEveryInternalChunkKeepsOrderAndDedup() {
        int size = 2 * PostgresJobInsert.ARRAY_ROWS; // a third free of keys (past COPY_MIN_ROWS), the rest keyed
        List<NewJob> jobs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            jobs.add(i % 3 == 0 ? job("free", T0) : i % 7 == 6 ? deduped("many", "key-" + (i - 6))
                    : deduped("many", "key-" + i));
        }

        List<EnqueueResult> results = store.insertJobs(jobs);

        long created = 0;
        for (int i = 0; i < size; i++) {
            NewJob job = jobs.get(i);
            boolean repeat = job.dedupKey() != null && !job.dedupKey().equals("key-" + i);
            assertThat(results.get(i).created()).as("job %d", i).isEqualTo(!repeat);
            if (repeat) {
                assertThat(results.get(i).jobId()).isEqualTo(results.get(i - 6).jobId());
            } else {
                created++;
            }
        }
        assertThat(results.stream().filter(EnqueueResult::created).map(EnqueueResult::jobId).toList()).isSorted();
        assertThat(store.countJobs(JobQuery.all(), 100_000)).isEqualTo(created);
        assertThat(reload(results.get(size - 1).jobId()).dedupKey()).isEqualTo(jobs.get(size - 1).dedupKey());
    }

    @Test
    void instantsComeBackCutToMicrosecondsOnEveryInsertPathAcrossTheRange() {
        // PostgreSQL's binary COPY counts microseconds from 2000-01-01: instants before it are negative there
        Instant[] dues = {Instant.parse("1970-01-01T00:00:00.000000999Z"),
                Instant.parse("1999-12-31T23:59:59.999999999Z"), Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("2026-06-30T12:34:56.123456789Z"), Instant.parse("9999-12-31T23:59:58.999999999Z")};
        List<NewJob> batch = new ArrayList<>();
        for (int i = 0; i <= PostgresJobInsert.COPY_MIN_ROWS; i++) { // enough jobs free of keys to take COPY
            Instant due = dues[i % dues.length];
            batch.add(new NewJob("t", "q", 0, List.of(), Map.of(), null, due, due, null, null, null, null, "",
                    due.plusNanos(1)));
        }
        Instant keyedDue = dues[1];
        batch.add(new NewJob("t", "q", 0, List.of(), Map.of(), "instant-key", keyedDue, keyedDue, null, null, null,
                null, "", null));

        List<EnqueueResult> results = store.insertJobs(batch);

        for (int i = 0; i < batch.size(); i++) {
            Job job = reload(results.get(i).jobId());
            Instant micros = Sql.micros(batch.get(i).dueAt());
            assertThat(job.dueAt()).as("job %d", i).isEqualTo(micros);
            assertThat(job.createdAt()).as("job %d", i).isEqualTo(micros);
            if (batch.get(i).expiresAt() != null) {
                assertThat(job.expiresAt()).as("job %d", i).isEqualTo(Sql.micros(batch.get(i).expiresAt()));
            }
        }
        for (Instant due : dues) { // a job alone: PostgreSQL's one-row statement, in auto-commit
            Job alone = reload(store.insertJobs(List.of(new NewJob("t", "q", 0, List.of(), Map.of(), null, due, due,
                    null, null, null, null, "", due.plusNanos(1)))).get(0).jobId());
            assertThat(alone.dueAt()).as("due %s", due).isEqualTo(Sql.micros(due));
            assertThat(alone.createdAt()).as("due %s", due).isEqualTo(Sql.micros(due));
            assertThat(alone.expiresAt()).as("due %s", due).isEqualTo(Sql.micros(due.plusNanos(1)));
        }
    }

    @Test
    void awkwardTextAndNullsComeBackAsWrittenOnEveryInsertPath() {
        String awkward = "tab\there \"quoted\" 'single' back\\slash \\N \\t newline\nreturn\r end é 日本 🕰";
        List<Object> args = Arrays.asList(awkward, null, 42, 2.5, List.of("\\", "\n"), Map.of("k", "\t"));
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("text", awkward);
        kwargs.put("nothing", null);
        kwargs.put("back\\slash \"key\"", "\\N");
        String name = "q \"x\" \\ é 日本";
        NewJob copied = new NewJob(name, name, -3, args, kwargs, null, DUE, T0, 5, Duration.ofMillis(1500), null,
                null, "", DUE.plusSeconds(60));
        NewJob keyed = new NewJob(name, name, 7, args, kwargs, "key \\ \"é\"\t日本", DUE, T0, null, null, null,
                null, "", null);
        NewJob fired = new NewJob(name, name, 0, List.of(), Map.of(), null, DUE, T0, null, null, "s \\ \"é\"",
                DUE, "{\"browser\":\"a\\\\b\"}", null);

        List<NewJob> batch = new ArrayList<>(List.of(copied, keyed, fired));
        for (int i = 0; i < PostgresJobInsert.COPY_MIN_ROWS; i++) {
            batch.add(copied); // enough jobs free of keys to take PostgreSQL's COPY
        }
        List<EnqueueResult> results = store.insertJobs(batch);

        assertThat(results).allMatch(EnqueueResult::created);
        assertThat(reload(results.get(batch.size() - 1).jobId())).usingRecursiveComparison()
                .ignoringFields("id").isEqualTo(reload(results.get(0).jobId()));
        Job first = reload(results.get(0).jobId());
        Job second = reload(results.get(1).jobId());
        Job third = reload(results.get(2).jobId());
        for (Job job : List.of(first, second)) {
            assertThat(job.task()).isEqualTo(name);
            assertThat(job.queue()).isEqualTo(name);
            assertThat(job.args()).isEqualTo(args);
            assertThat(job.kwargs()).isEqualTo(kwargs);
            assertThat(job.dueAt()).isEqualTo(DUE);
        }
        assertThat(first.priority()).isEqualTo(-3);
        assertThat(first.dedupKey()).isNull();
        assertThat(first.maxAttempts()).isEqualTo(5);
        assertThat(first.timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(first.expiresAt()).isEqualTo(DUE.plusSeconds(60));
        assertThat(first.scheduleName()).isNull();
        assertThat(second.dedupKey()).isEqualTo("key \\ \"é\"\t日本");
        assertThat(second.maxAttempts()).isNull();
        assertThat(second.timeout()).isNull();
        assertThat(second.expiresAt()).isNull();
        assertThat(third.scheduleName()).isEqualTo("s \\ \"é\"");
        assertThat(third.fireAt()).isEqualTo(DUE);
        assertThat(store.insertJobs(List.of(keyed, fired))).noneMatch(EnqueueResult::created);

        // each alone: PostgreSQL's one-row statement, in auto-commit, refused by a taken key as the batch is
        EnqueueResult alone = store.insertJobs(List.of(copied)).get(0);
        assertThat(alone.created()).isTrue();
        assertThat(reload(alone.jobId())).usingRecursiveComparison().ignoringFields("id").isEqualTo(first);
        assertThat(store.insertJobs(List.of(keyed))).containsExactly(new EnqueueResult(second.id(), false));
        assertThat(store.insertJobs(List.of(fired))).containsExactly(new EnqueueResult(third.id(), false));
    }

    @Test
    void aBadRowAnywhereFailsTheWholeBatchAndWritesNothing() throws SQLException {
        String tooLong = "q".repeat(201);
        for (boolean keyedRowIsBad : List.of(false, true)) {
            List<NewJob> jobs = new ArrayList<>();
            for (int i = 0; i < 2 * PostgresJobInsert.COPY_MIN_ROWS; i++) {
                jobs.add(i % 2 == 0 ? job("free", T0) : deduped("sync", "rollback-" + i));
            }
            jobs.add(new NewJob("bad", tooLong, 0, List.of(), Map.of(), keyedRowIsBad ? "bad-key" : null, T0, T0,
                    null, null, null, null));
            jobs.add(job("free", T0));

            assertThatThrownBy(() -> store.insertJobs(jobs)).isInstanceOf(StoreException.class);

            assertThat(rows("SELECT count(*) FROM jobs")).isZero();
        }
        assertThat(store.insertJobs(List.of(deduped("sync", "rollback-1"))).get(0).created()).isTrue();
    }

    private long rows(String sql) throws SQLException {
        try (Connection c = openConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void concurrentBulkCallsWithOverlappingKeysEachGetTheIdOfTheirOwnKey() throws Exception {
        int callers = 4;
        int perCall = 200; // past group commit's small calls: each call is a transaction of its own
        for (int round = 0; round < 5; round++) {
            String prefix = "r" + round + "-";
            List<java.util.concurrent.CompletableFuture<List<EnqueueResult>>> calls = new ArrayList<>();
            List<List<NewJob>> batches = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                List<NewJob> batch = new ArrayList<>(perCall);
                for (int i = 0; i < perCall; i++) {
                    // keys shared between callers (and now and then within a call), args naming the caller
                    String key = prefix + ((i * 7 + c * 13) % 300);
                    batch.add(new NewJob("sync", "default", 0, List.of(c, i), Map.of(), key, T0, T0, null, null,
                            null, null));
                }
                batches.add(batch);
                calls.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> store.insertJobs(batch)));
            }
            for (int c = 0; c < callers; c++) {
                List<EnqueueResult> results = calls.get(c).get(60, java.util.concurrent.TimeUnit.SECONDS);
                for (int i = 0; i < perCall; i++) {
                    NewJob asked = batches.get(c).get(i);
                    Job stored = reload(results.get(i).jobId());
                    assertThat(stored.dedupKey()).as("round %d, caller %d, job %d", round, c, i)
                            .isEqualTo(asked.dedupKey());
                    if (results.get(i).created()) {
                        assertThat(stored.args()).as("round %d, caller %d, job %d", round, c, i)
                                .isEqualTo(asked.args());
                    }
                }
            }
        }
    }
}
