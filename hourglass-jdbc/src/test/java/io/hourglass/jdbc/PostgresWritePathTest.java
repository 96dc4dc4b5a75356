package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.store.Completion;
import io.hourglass.store.NewJob;
import io.hourglass.testsupport.Requirements;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

/**
 * On real PostgreSQL: a store on a pool the caller configured (no driver settings at all) writes jobs, completions
 * and attempts the way a store with its own pool does, in statements over arrays and never as JDBC batches; and
 * the statistics refresh after bulk inserts runs on the store's background thread, folded while one is pending,
 * and finishes before the store closes its pool.
 */
class PostgresWritePathTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final String schema = "hg_boot2_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)
            .toLowerCase(Locale.ROOT);
    private final List<String> batchedSql = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createSchema() {
        try (Connection c = DriverManager.getConnection(PostgresStoreTest.SERVER, PostgresStoreTest.USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Requirements.require("postgres", false, "no PostgreSQL at " + PostgresStoreTest.SERVER + ": "
                    + e.getMessage());
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresStoreTest.SERVER, PostgresStoreTest.USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void storeOnCallersPlainDataSourceSendsNoJdbcBatchesAndRecordsEveryAttempt() throws SQLException {
        try (JdbcStore store = JdbcStore.create(recording(plainDataSource()))) {
            store.migrate();
            store.insertJobs(jobs(200));
            List<Job> claimed = store.claim("node-1", T0, T0.plusSeconds(30), 200, null, null);
            List<Completion> done = new ArrayList<>();
            for (Job job : claimed) {
                done.add(new Completion(job.id(), job.owner(), job.attempts(), Outcome.SUCCEEDED, job.startedAt(),
                        T0.plusSeconds(1), null, "out " + job.id(), false, null));
            }
            boolean[] accepted = store.complete(done);

            assertThat(claimed).hasSize(200);
            assertThat(accepted).containsOnly(true);
            assertThat(count("SELECT count(*) FROM attempts WHERE outcome = 'succeeded' AND output LIKE 'out %'"))
                    .isEqualTo(200);
            assertThat(batchedSql).isEmpty();
        }
    }

    @Test
    void statisticsRefreshIsHandedToTheBackgroundAndFoldedWhilePending() throws SQLException {
        List<Runnable> handedOver = new ArrayList<>();
        try (JdbcStore store = JdbcStore.create(plainDataSource())) {
            store.migrate();
        }
        PGSimpleDataSource dataSource = plainDataSource();
        Tx tx = new Tx(dataSource);
        JobWriter writer = new JobWriter(tx, new PostgresDialect(), new JsonCodec(),
                new TableStatistics(tx, new PostgresDialect(), handedOver::add));

        writer.insertJobs(jobs(TableStatistics.THRESHOLD));
        writer.insertJobs(jobs(TableStatistics.THRESHOLD));

        assertThat(handedOver).hasSize(1);
        assertThat(lastAnalyze()).isNull();
        handedOver.get(0).run();
        await().atMost(Duration.ofSeconds(30)).until(() -> lastAnalyze() != null);

        writer.insertJobs(jobs(TableStatistics.THRESHOLD));
        assertThat(handedOver).as("inserts refresh at most once a minute (TableStatisticsTest)").hasSize(1);
    }

    @Test
    void storeRefreshesStatisticsOnItsOwnThreadAfterABulkInsert() throws SQLException {
        try (JdbcStore store = JdbcStore.create(plainDataSource())) {
            store.migrate();
            store.insertJobs(jobs(TableStatistics.THRESHOLD));
            await().atMost(Duration.ofSeconds(60)).until(() -> lastAnalyze() != null);
            assertThat(Thread.getAllStackTraces().keySet())
                    .anyMatch(t -> t.getName().equals("hourglass-store-background"));
        }
    }

    @Test
    void storeRefreshesStatisticsAgainOnceAsManyJobsHaveFinished() throws SQLException {
        try (JdbcStore store = JdbcStore.create(plainDataSource())) {
            store.migrate();
            execute("ALTER TABLE jobs SET (autovacuum_enabled = false)"); // so that only the store's refresh counts
            store.insertJobs(jobs(TableStatistics.THRESHOLD));
            await().atMost(Duration.ofSeconds(60)).until(() -> lastAnalyze() != null);
            Instant afterInsert = lastAnalyze();

            List<Completion> done = new ArrayList<>();
            for (Job job : store.claim("node-1", T0, T0.plusSeconds(30), TableStatistics.THRESHOLD, null, null)) {
                done.add(new Completion(job.id(), job.owner(), job.attempts(), Outcome.SUCCEEDED, job.startedAt(),
                        T0.plusSeconds(1), null, null, false, null));
            }
            assertThat(done).hasSize(TableStatistics.THRESHOLD);
            store.complete(done);
            assertThat(lastAnalyze()).isEqualTo(afterInsert); // not in the middle of a burn-down

            // the drain has ended (a claim finds fewer due jobs than it asks for): without a refresh the planner
            // would still believe the finished jobs are due
            assertThat(store.claim("node-1", T0, T0.plusSeconds(30), 10, null, null)).isEmpty();
            await().atMost(Duration.ofSeconds(60)).until(() -> lastAnalyze().isAfter(afterInsert));
        }
    }

    @Test
    void closingTheStoreLetsAStatisticsRefreshInFlightFinishBeforeThePoolCloses() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        logs.start();
        try (Connection holder = plainDataSource().getConnection(); Statement lock = holder.createStatement()) {
            JdbcStore store = JdbcStore.connect(PostgresStoreTest.SERVER + "?currentSchema=" + schema,
                    PostgresStoreTest.USER, "");
            store.migrate();
            holder.setAutoCommit(false);
            lock.execute("LOCK TABLE jobs IN SHARE UPDATE EXCLUSIVE MODE"); // ANALYZE's lock: the refresh waits
            store.insertJobs(jobs(TableStatistics.THRESHOLD));
            await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE query = 'ANALYZE jobs' AND wait_event_type = 'Lock'") == 1);

            CompletableFuture<Void> closed = CompletableFuture.runAsync(store::close);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !closed.isDone());
            holder.commit(); // the refresh runs, then the store closes
            closed.get(60, TimeUnit.SECONDS);
        } finally {
            root.detachAppender(logs);
        }

        assertThat(lastAnalyze()).isNotNull();
        assertThat(logs.list).as("warnings of the refresh, the background thread and the pool")
                .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .filteredOn(e -> e.getLoggerName().equals(TableStatistics.class.getName())
                        || e.getLoggerName().equals(StoreBackground.class.getName())
                        || e.getLoggerName().startsWith("com.zaxxer.hikari"))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    private PGSimpleDataSource plainDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(PostgresStoreTest.SERVER + "?currentSchema=" + schema);
        dataSource.setUser(PostgresStoreTest.USER);
        return dataSource;
    }

    /** The data source, with every prepared statement that is executed as a JDBC batch recorded. */
    private DataSource recording(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? recording(c) : result;
                });
    }

    private Connection recording(Connection target) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")) {
                        return recording(ps, (String) args[0]);
                    }
                    return result;
                });
    }

    private PreparedStatement recording(PreparedStatement target, String sql) {
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("executeBatch")) {
                        batchedSql.add(sql);
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static List<NewJob> jobs(int count) {
        List<NewJob> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            jobs.add(new NewJob("bulk", "default", 0, List.of(i), Map.of(), null, T0, T0, null, null, null, null));
        }
        return jobs;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = plainDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = plainDataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Instant lastAnalyze() throws SQLException {
        try (Connection c = plainDataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT last_analyze FROM pg_stat_user_tables WHERE schemaname = ? AND relname = 'jobs'")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).toInstant() : null;
            }
        }
    }
}
