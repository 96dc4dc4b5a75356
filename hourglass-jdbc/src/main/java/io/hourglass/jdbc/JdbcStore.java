package io.hourglass.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hourglass.attempt.Attempt;
import io.hourglass.job.FinishedCounts;
import io.hourglass.job.CancelResult;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobActivity;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.job.Page;
import io.hourglass.queue.QueueConfig;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleChange;
import io.hourglass.store.BulkCancel;
import io.hourglass.store.Change;
import io.hourglass.store.Completion;
import io.hourglass.store.FirePlan;
import io.hourglass.store.NewJob;
import io.hourglass.store.Incarnation;
import io.hourglass.store.Node;
import io.hourglass.store.OutcomeCount;
import io.hourglass.store.Store;
import io.hourglass.task.TaskDefinition;
import io.hourglass.worker.LeaseRenewal;
import io.hourglass.worker.RemoteWorker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} on JDBC, for H2 2.x (the embedded default) and PostgreSQL. A node migrates its store when it
 * is built ({@code HourglassBuilder.build()}); call {@link #migrate()} yourself only to use a store without a node
 * (safe on every start, and from several nodes at once).
 *
 * <pre>{@code
 * Store store = JdbcStore.embedded(Path.of("data"));                                   // H2 file, owned pool
 * Store store = JdbcStore.connect("jdbc:postgresql://db:5432/jobs", "hourglass", pw);  // owned pool
 * Store store = JdbcStore.create(myDataSource);                                        // caller's pool
 * }</pre>
 *
 * <p>On PostgreSQL, changes are announced with NOTIFY and {@link #addChangeListener} receives other nodes' on one
 * dedicated connection: opened with {@link DriverManager} from the same URL and credentials when the store made
 * its own pool (so it never takes a pool slot), or taken from the caller's {@link DataSource} and kept aside for
 * as long as the store listens when the store was created from one. Thread-safe.
 *
 * <p>A store takes the same write path on every pool: on PostgreSQL each batch of jobs, completions and attempt
 * rows is one statement over column arrays, never a JDBC batch, so no driver setting (such as
 * {@code reWriteBatchedInserts}) is needed on a {@link DataSource} the caller configures.
 */
public final class JdbcStore implements Store {
    /** Connections in a pool the store creates. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /**
     * How long a call waits for a pooled connection, in ms, before it fails as
     * {@link io.hourglass.store.StoreUnavailableException}: during a database outage callers hear of it within
     * this time (HikariCP's default, 30 s, would hold every API request that long).
     */
    public static final long DEFAULT_CONNECTION_TIMEOUT_MILLIS = 5_000;
    /** How long an H2 statement waits for a row another transaction holds, in ms. */
    public static final int H2_LOCK_TIMEOUT_MILLIS = 10_000;
    /**
     * H2's page cache of the embedded database, in KB (H2's default is 16 MB). Every H2 UPDATE rewrites the row's
     * entry in each of the jobs table's indexes; with 16 MB the pages of a 100,000-job backlog did not stay cached
     * and a fifth of a burn-down's samples were H2 reading and decoding pages it had just evicted.
     */
    public static final int H2_EMBEDDED_CACHE_KB = 65_536;

    private static final Logger log = LoggerFactory.getLogger(JdbcStore.class);

    private final Tx tx;
    private final Dialect dialect;
    private final String description;
    private final HikariDataSource ownedPool;
    private final PgChangeListener changes;
    private final JobWriter writer;
    private final JobReader reader;
    private final StatsReader stats;
    private final Claimer claimer;
    private final CompletionWriter completer;
    private final Canceller canceller;
    private final Retention retention;
    private final Expirer expirer;
    private final NodeRepository nodes;
    private final WorkerRepository workers;
    private final ScheduleRepository schedules;
    private final ScheduleFirer firer;
    private final QueueRepository queues;
    private final TaskDefinitionRepository definitions;
    private final FeedRepository feeds;
    private final Expediter expediter;
    private final StoreBackground background;

    private JdbcStore(DataSource dataSource, HikariDataSource ownedPool, PgChangeListener.ConnectionFactory listen) {
        this.tx = new Tx(dataSource);
        this.ownedPool = ownedPool;
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            this.dialect = Dialect.detect(meta.getDatabaseProductName());
            this.description = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion().split(" ")[0]
                    + " at " + withoutSecrets(meta.getURL());
        } catch (SQLException e) {
            throw new StoreException("connecting to the database failed: " + e.getMessage(), e);
        }
        this.changes = dialect.changeListener(listen);
        JsonCodec json = new JsonCodec();
        Rows rows = new Rows(json);
        this.background = new StoreBackground();
        TableStatistics statistics = new TableStatistics(tx, dialect, background);
        this.writer = new JobWriter(tx, dialect, json, statistics);
        this.reader = new JobReader(tx, rows);
        this.stats = new StatsReader(tx);
        this.claimer = new Claimer(tx, dialect, rows, statistics);
        this.completer = new CompletionWriter(tx, dialect, statistics);
        this.canceller = new Canceller(tx, dialect);
        this.retention = new Retention(tx);
        this.expirer = new Expirer(tx);
        this.nodes = new NodeRepository(tx, dialect, json, rows);
        this.workers = new WorkerRepository(tx, dialect);
        this.schedules = new ScheduleRepository(tx, dialect, json, rows);
        this.firer = new ScheduleFirer(tx, dialect, rows, writer);
        this.queues = new QueueRepository(tx, dialect);
        this.definitions = new TaskDefinitionRepository(tx, dialect, json);
        this.feeds = new FeedRepository(tx, json);
        this.expediter = new Expediter(tx, dialect);
        log.info("Hourglass store on {}", description);
    }

    /**
     * A store on the caller's data source (H2 or PostgreSQL, detected); the caller keeps and closes it. An H2 data
     * source without a pool needs {@code DB_CLOSE_DELAY=-1} in its URL: otherwise H2 closes the database each time
     * its last session closes, and a session that opens while it closes can read the file as it was before.
     */
    public static JdbcStore create(DataSource dataSource) {
        return new JdbcStore(dataSource, null, dataSource::getConnection);
    }

    /**
     * An H2 file database {@code <dataDir>/hourglass} with a pool the store owns; zero setup. H2's own JVM
     * shutdown hook is off ({@code DB_CLOSE_ON_EXIT=FALSE}): on SIGTERM it would close the database while a
     * graceful stop is still writing the results of running jobs; {@link #close()} closes it, last. Its page cache
     * is {@value #H2_EMBEDDED_CACHE_KB} KB; H2's durability is its default (see docs/architecture.md).
     */
    public static JdbcStore embedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir.toAbsolutePath(), e);
        }
        return connect("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("hourglass") + ";DB_CLOSE_ON_EXIT=FALSE"
                + ";CACHE_SIZE=" + H2_EMBEDDED_CACHE_KB,
                "sa", "");
    }

    /**
     * A store on a PostgreSQL or H2 URL with a pool of {@value #DEFAULT_POOL_SIZE} the store owns. H2 (also for
     * {@link #embedded}) must be on the classpath: hourglass-jdbc does not bring it, and says so when it is missing.
     */
    public static JdbcStore connect(String jdbcUrl, String user, String password) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            H2Dialect.requireDriver(JdbcStore.class.getClassLoader());
        }
        String url = jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.toUpperCase().contains("LOCK_TIMEOUT=")
                ? jdbcUrl + ";LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT_MILLIS : jdbcUrl;
        HikariConfig config = new HikariConfig();
        config.setPoolName("hourglass");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(DEFAULT_POOL_SIZE);
        config.setConnectionTimeout(DEFAULT_CONNECTION_TIMEOUT_MILLIS);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return new JdbcStore(pool, pool, () -> DriverManager.getConnection(url, user, password));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static String withoutSecrets(String url) {
        return url == null ? "?" : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /**
     * The migrations live under {@code db/hourglass/<dialect>}, not Flyway's default {@code db/migration}: an
     * application that runs Flyway on the same database (Spring Boot does whenever Flyway is on the classpath)
     * scans its default location recursively, and would find and run Hourglass's scripts as its own.
     */
    static final String MIGRATIONS = "classpath:db/hourglass/";

    @Override
    public void migrate() {
        try {
            Flyway.configure()
                    .dataSource(tx.dataSource())
                    .locations(MIGRATIONS + dialect.name())
                    .table("hourglass_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("schema migration on " + description + " failed: " + e.getMessage(), e);
        }
        String warning = tx.inAutoCommit(() -> "maintenance check on " + description, dialect::maintenanceWarning);
        if (warning != null) {
            log.warn("{}", warning);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public List<EnqueueResult> insertJobs(List<NewJob> jobs) {
        return writer.insertJobs(jobs);
    }

    @Override
    public Optional<Job> findJob(long id) {
        return reader.findJob(id);
    }

    @Override
    public Page<Job> findJobs(JobQuery query) {
        return reader.findJobs(query);
    }

    @Override
    public List<Job> findOverdue(Instant now, int limit) {
        return reader.findOverdue(now, limit);
    }

    @Override
    public List<Attempt> findAttempts(long jobId) {
        return reader.findAttempts(jobId);
    }

    @Override
    public boolean makeDue(long jobId, Instant now) {
        return expediter.makeDue(jobId, now);
    }

    @Override
    public boolean hasUnfinishedJobs(String task) {
        return reader.hasUnfinishedJobs(task);
    }

    @Override
    public CancelResult cancel(long jobId, Instant now) {
        return canceller.cancel(jobId, now);
    }

    @Override
    public BulkCancel cancelJobs(Collection<Long> jobIds, Instant now) {
        return canceller.cancelJobs(jobIds, now);
    }

    @Override
    public long countJobs(JobQuery query, long cap) {
        return reader.countJobs(query, cap);
    }

    @Override
    public Optional<Instant> lastSuccess(String dedupKey) {
        return reader.lastSuccess(dedupKey);
    }

    @Override
    public long countScheduled(String queue) {
        return reader.countScheduled(queue);
    }

    @Override
    public FinishedCounts countFinishedSince(Instant since, int cap) {
        return stats.countFinishedSince(since, cap);
    }

    @Override
    public Map<String, Map<JobState, Long>> countJobsByQueueAndState() {
        return stats.countJobsByQueueAndState();
    }

    @Override
    public Map<String, Map<JobState, Long>> countJobsByQueueAndState(Set<JobState> states) {
        return stats.countJobsByQueueAndState(states);
    }

    @Override
    public List<OutcomeCount> countAttempts(Instant from, Instant to, Duration bucket) {
        return stats.countAttempts(from, to, bucket);
    }

    @Override
    public JobActivity readJobActivity() {
        return stats.readJobActivity();
    }

    @Override
    public List<Job> claim(String owner, Instant now, Instant dueBy, Instant leaseUntil, int limit,
                           Collection<String> tasks, String queue) {
        return claimer.claim(owner, now, dueBy, leaseUntil, limit, tasks, queue);
    }

    @Override
    public Optional<Instant> nextDueAt(Collection<String> tasks) {
        return claimer.nextDueAt(tasks);
    }

    @Override
    public boolean[] complete(List<Completion> completions) {
        return completer.complete(completions);
    }

    @Override
    public Set<Long> heartbeat(Incarnation node, Collection<String> tasks, Instant now, Instant leaseUntil) {
        return nodes.heartbeat(node, tasks, now, leaseUntil);
    }

    @Override
    public Optional<LeaseRenewal> renewLease(long jobId, String owner, int attempt, Instant now, Duration lease) {
        return claimer.renewLease(jobId, owner, attempt, now, lease);
    }

    @Override
    public List<Job> findExpiredLeases(Instant now, int limit) {
        return reader.findExpiredLeases(now, limit);
    }

    @Override
    public List<Job> findRunningOfPreviousIncarnations(Incarnation current, int limit) {
        return nodes.findRunningOfPreviousIncarnations(current, limit);
    }

    @Override
    public List<Node> findNodes() {
        return nodes.findNodes();
    }

    @Override
    public void removeNode(Incarnation node) {
        nodes.removeNode(node);
    }

    @Override
    public void recordWorkerSeen(String worker, String queue, Instant now) {
        workers.recordSeen(worker, queue, now);
    }

    @Override
    public List<RemoteWorker> findWorkers(Instant seenSince) {
        return workers.find(seenSince);
    }

    @Override
    public int forgetWorkersSeenBefore(Instant cutoff) {
        return workers.forgetSeenBefore(cutoff);
    }

    @Override
    public int deleteFinishedBefore(Instant cutoff, int limit) {
        return retention.deleteFinishedBefore(cutoff, limit);
    }

    @Override
    public int expireJobs(Instant now, int limit) {
        return expirer.expireJobs(now, limit);
    }

    @Override
    public void insertSchedule(Schedule schedule, ScheduleChange change) {
        schedules.insertSchedule(schedule, change);
    }

    @Override
    public boolean updateSchedule(Schedule schedule, ScheduleChange change) {
        return schedules.updateSchedule(schedule, change);
    }

    @Override
    public boolean deleteSchedule(String name, ScheduleChange change) {
        return schedules.deleteSchedule(name, change);
    }

    @Override
    public void recordScheduleChange(ScheduleChange change) {
        schedules.history().record(change);
    }

    @Override
    public List<ScheduleChange> scheduleChanges(String name, int limit) {
        return schedules.history().find(name, limit);
    }

    @Override
    public int deleteScheduleChangesBefore(Instant cutoff, int limit) {
        return schedules.history().deleteBefore(cutoff, limit);
    }

    @Override
    public Optional<Schedule> findSchedule(String name) {
        return schedules.findSchedule(name);
    }

    @Override
    public List<Schedule> findSchedules() {
        return schedules.findSchedules();
    }

    @Override
    public int fireDueSchedules(Instant now, int limit, Function<Schedule, FirePlan> planner) {
        return firer.fireDueSchedules(now, limit, planner);
    }

    @Override
    public Optional<Instant> nextFireAt() {
        return schedules.nextFireAt();
    }

    @Override
    public TaskDefinition saveTaskDefinition(TaskDefinition definition, Long expectedVersion) {
        return definitions.save(definition, expectedVersion);
    }

    @Override
    public boolean deleteTaskDefinition(String name) {
        return definitions.delete(name);
    }

    @Override
    public Optional<TaskDefinition> findTaskDefinition(String name) {
        return definitions.find(name);
    }

    @Override
    public List<TaskDefinition> findTaskDefinitions() {
        return definitions.findAll();
    }

    @Override
    public io.hourglass.store.FeedStore feeds() {
        return feeds;
    }

    @Override
    public void saveQueue(QueueConfig config) {
        queues.saveQueue(config);
    }

    @Override
    public Optional<QueueConfig> findQueue(String name) {
        return queues.findQueue(name);
    }

    @Override
    public List<QueueConfig> findQueues() {
        return queues.findQueues();
    }

    /** On PostgreSQL, starts listening (once) and registers the listener; on H2 there are no other nodes. */
    @Override
    public void addChangeListener(Consumer<Change> listener) {
        if (changes != null) {
            changes.addListener(listener);
        }
    }

    @Override
    public void close() {
        writer.close();
        background.close(); // before the pool: a statistics refresh in flight finishes on its connection
        if (changes != null) {
            changes.close();
        }
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    @Override
    public String toString() {
        return "JdbcStore[" + description + "]";
    }
}
