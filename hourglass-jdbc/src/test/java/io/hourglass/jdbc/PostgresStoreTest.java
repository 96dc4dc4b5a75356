package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.store.Change;
import io.hourglass.testsupport.Requirements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL ({@code test} database at 127.0.0.1:5432, user postgres), in a fresh
 * schema of its own that is dropped afterwards; plus LISTEN/NOTIFY between two store instances.
 */
class PostgresStoreTest extends StoreContractTest {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private final String schema = "hg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);

    String url() {
        return SERVER + "?currentSchema=" + schema;
    }

    @Override
    JdbcStore openStore() {
        try (Connection c = DriverManager.getConnection(SERVER, USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Requirements.require("postgres", false, "no PostgreSQL at " + SERVER + " as " + USER + ": " + e.getMessage());
        }
        return JdbcStore.connect(url(), USER, "");
    }

    @Override
    Connection openConnection() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    @Override
    void dropDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void describeNamesPostgresAndUrlWithoutPassword() {
        assertThat(store.describe()).startsWith("PostgreSQL 15").contains("jdbc:postgresql://127.0.0.1:5432/test");
    }

    @Test
    void theJobsTableIsVacuumedAfterANumberOfDeadRowsWhateverItsSize() throws SQLException {
        try (Connection c = openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT array_to_string(reloptions, ',') FROM pg_class"
                     + " WHERE oid = 'jobs'::regclass")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("autovacuum_vacuum_scale_factor=0",
                    "autovacuum_vacuum_threshold=10000");
        }
    }

    @Test
    void aServerWithAutovacuumOffIsNamedAtStartAndOneWithItOnIsNot() throws SQLException {
        try (Connection c = openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW autovacuum")) {
            assertThat(rs.next()).isTrue();
            String warning = new PostgresDialect().maintenanceWarning(c);
            if ("off".equals(rs.getString(1))) {
                assertThat(warning).contains("autovacuum is off", "VACUUM on the jobs table");
            } else {
                assertThat(warning).isNull();
            }
        }
    }

    @Test
    void secondStoreReceivesJobsChangeAfterFirstInserts() {
        List<Change> received = new CopyOnWriteArrayList<>();
        try (JdbcStore other = JdbcStore.connect(url(), USER, "")) {
            other.addChangeListener(received::add);
            store.insertJobs(List.of(jobEnqueuedNow("notified", T0.plusSeconds(5))));
            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains(
                    new Change(Change.Kind.JOBS, T0.plusSeconds(5))));
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("hourglass-pg-listener"));

            store.saveQueue(io.hourglass.queue.QueueConfig.unlimited("announced"));
            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains(
                    new Change(Change.Kind.QUEUES, null)));
        }
    }

    @Test
    void concurrentSingleEnqueuesOnSeveralGroupWritersEachGetTheirOwnAnswer() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            GroupCommitTest.concurrentSingleEnqueuesEachGetTheirOwnAnswer(store, callers);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void secondStoreHearsOfTheEarliestJobOfACopiedBatchAndOfAKeyedOne() {
        List<Change> received = new CopyOnWriteArrayList<>();
        try (JdbcStore other = JdbcStore.connect(url(), USER, "")) {
            other.addChangeListener(received::add);
            List<io.hourglass.store.NewJob> copied = new ArrayList<>();
            for (int i = 0; i < PostgresJobInsert.COPY_MIN_ROWS * 2; i++) {
                copied.add(jobEnqueuedNow("copied", T0.plusSeconds(100 - i % 50).plusNanos(999_999)));
            }
            store.insertJobs(copied);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received).contains(
                    new Change(Change.Kind.JOBS, T0.plusSeconds(51))));

            store.insertJobs(List.of(deduped("keyed", "k"), deduped("keyed", "k")));
            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains(new Change(Change.Kind.JOBS, T0)));
            received.clear();
            store.insertJobs(List.of(deduped("keyed", "k")));
            store.insertJobs(List.of(jobEnqueuedNow("later", T0.plusSeconds(7))));
            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains(
                    new Change(Change.Kind.JOBS, T0.plusSeconds(7))));
            assertThat(received).doesNotContain(new Change(Change.Kind.JOBS, T0)); // the skipped one said nothing
        }
    }

    @Test
    void secondStoreHearsOfTaskDefinitionsSavedAndDeleted() {
        List<Change> received = new CopyOnWriteArrayList<>();
        try (JdbcStore other = JdbcStore.connect(url(), USER, "")) {
            other.addChangeListener(received::add);
            store.saveTaskDefinition(TaskDefinitionContract.definition("announced", "hi"), null);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains(new Change(Change.Kind.TASKS, null)));
            assertThat(other.findTaskDefinition("announced")).contains(store.findTaskDefinition("announced").get());

            received.clear();
            store.deleteTaskDefinition("announced");
            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains(new Change(Change.Kind.TASKS, null)));
            assertThat(other.findTaskDefinitions()).isEmpty();
        }
    }

    @Test
    void secondStoreHearsTheNewDueTimeOfAJobMadeDue() {
        long id = insert(job("later", T0.plusSeconds(3600)));
        List<Change> received = new CopyOnWriteArrayList<>();
        try (JdbcStore other = JdbcStore.connect(url(), USER, "")) {
            other.addChangeListener(received::add);
            assertThat(store.makeDue(id, T0.plusSeconds(3))).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.contains(
                    new Change(Change.Kind.JOBS, T0.plusSeconds(3))));
        }
    }

    @Test
    void savesFromTwoStoresOnOneSchemaGetDistinctVersions() throws Exception {
        int saves = 20;
        try (JdbcStore other = JdbcStore.connect(url(), USER, "")) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<List<Long>>> futures = new ArrayList<>();
                for (JdbcStore node : List.of(store, other)) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        List<Long> versions = new ArrayList<>();
                        for (int i = 0; i < saves; i++) {
                            versions.add(node.saveTaskDefinition(
                                    TaskDefinitionContract.definition("shared", "n" + i), null).version());
                        }
                        return versions;
                    }));
                }
                start.countDown();
                List<Long> all = new ArrayList<>();
                for (Future<List<Long>> future : futures) {
                    all.addAll(future.get(60, TimeUnit.SECONDS));
                }
                assertThat(all).hasSize(2 * saves).doesNotHaveDuplicates();
                assertThat(all).allMatch(v -> v >= 1 && v <= 2L * saves);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(store.findTaskDefinition("shared").orElseThrow().version()).isEqualTo(2L * saves);
    }

    @Test
    void listenerReconnectsAfterItsConnectionIsKilled() throws SQLException {
        String application = "hg-reconnect-" + schema;
        List<Change> received = new CopyOnWriteArrayList<>();
        try (JdbcStore other = JdbcStore.connect(url() + "&ApplicationName=" + application, USER, "")) {
            other.addChangeListener(received::add);
            try (Connection c = DriverManager.getConnection(SERVER, USER, "");
                 Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                        + application + "' AND query LIKE 'LISTEN%'");
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                store.insertJobs(List.of(jobEnqueuedNow("after-reconnect", T0.plusSeconds(7))));
                assertThat(received).contains(new Change(Change.Kind.JOBS, T0.plusSeconds(7)));
            });
        }
    }
}
