package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.store.Completion;
import io.hourglass.store.NewJob;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** Fixture shared by the contract parts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreFixture {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    JdbcStore store;

    abstract JdbcStore openStore();

    abstract Connection openConnection() throws SQLException;

    abstract void dropDatabase() throws SQLException;

    @BeforeAll
    void openAndMigrate() {
        store = openStore();
        store.migrate();
        store.migrate(); // a second start finds the schema current
    }

    @AfterAll
    void closeAndDrop() throws SQLException {
        if (store != null) {
            store.close();
            dropDatabase();
        }
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection c = openConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("attempts", "jobs", "schedules", "queues", "nodes",
                    "hourglass_task_definitions", "workers", "schedule_changes", "feed_polls", "feeds")) {
                s.execute("DELETE FROM " + table);
            }
        }
    }

    static NewJob job(String task, Instant due) {
        return new NewJob(task, "default", 0, List.of(), Map.of(), null, due, T0, null, null, null, null);
    }

    /**
     * A job enqueued at the machine's time rather than at {@link #T0}: the tests of what other stores hear need it,
     * since a store tells nothing for jobs due after a time it already told that is still ahead of the enqueue
     * time ({@link PgNotifier}), and this class's store lives through all of a class's tests.
     */
    static NewJob jobEnqueuedNow(String task, Instant due) {
        return new NewJob(task, "default", 0, List.of(), Map.of(), null, due, Instant.now(), null, null, null, null);
    }

    static NewJob job(String task, String queue, int priority, Instant due) {
        return new NewJob(task, queue, priority, List.of(), Map.of(), null, due, T0, null, null, null, null);
    }

    static NewJob deduped(String task, String dedupKey) {
        return new NewJob(task, "default", 0, List.of(), Map.of(), dedupKey, T0, T0, null, null, null, null);
    }

    static NewJob fired(String schedule, Instant fireAt) {
        return new NewJob("tick", "default", 0, List.of(), Map.of(), null, fireAt, fireAt, null, null, schedule,
                fireAt);
    }

    long insert(NewJob job) {
        EnqueueResult result = store.insertJobs(List.of(job)).get(0);
        assertThat(result.created()).isTrue();
        return result.jobId();
    }

    List<Long> insertMany(int count, String task, Instant due) {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(job(task, due));
        }
        return store.insertJobs(jobs).stream().map(EnqueueResult::jobId).toList();
    }

    Job claimOne(String owner, Instant now) {
        List<Job> claimed = store.claim(owner, now, now.plusSeconds(30), 1, null, null);
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    static Completion success(Job job, Instant at) {
        return new Completion(job.id(), job.owner(), job.attempts(), Outcome.SUCCEEDED, job.startedAt(), at, null,
                "done", false, null);
    }

    static Completion outcome(Job job, Outcome outcome, Instant at, Instant retryAt) {
        return new Completion(job.id(), job.owner(), job.attempts(), outcome, job.startedAt(), at,
                outcome == Outcome.SUCCEEDED ? null : "it broke", null, false, retryAt);
    }

    Job reload(long id) {
        return store.findJob(id).orElseThrow();
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
