package io.hourglass.testing;

import io.hourglass.Hourglass;
import io.hourglass.HourglassBuilder;
import io.hourglass.attempt.Attempt;
import io.hourglass.internal.EngineAccess;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.job.Page;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A real Hourglass node for a test of your own tasks, on a {@link ManualClock}, that runs only when the test says
 * so. The node is built with {@code Hourglass.builder()} (your tasks and settings) on embedded H2 in a temporary
 * directory, or on a store you give; it is never started, so no background thread plans or claims anything.
 * {@link #runDue()} runs what is due by the clock to its end through the engine's own code (the planner fires
 * due schedules, the dispatcher claims, the worker pool runs, the completer writes, retries are decided by the
 * task's policy), and {@link #advanceAndRunDue(Duration)} lives through a stretch of time the way a running node
 * would. What ran comes back as a {@link RunResult}; jobs and attempts are read from the store as plain model
 * objects, and {@link #assertThatJob(long)} checks one with messages that show its attempts.
 *
 * <pre>{@code
 * try (HourglassTestKit kit = HourglassTestKit.builder().task(Task.of("report", ctx -> send(ctx))).build()) {
 *     kit.node().createSchedule(Schedule.builder("reports").task("report")
 *             .cron("0/5 * * * *", ZoneOffset.UTC).build());
 *     assertEquals(12, kit.advanceAndRunDue(Duration.ofHours(1)).count());
 * }
 * }</pre>
 *
 * <p>Attempts run on the node's worker threads and each {@code runDue} waits for them (at most
 * {@link Builder#attemptWait}); a task's timeout is real time, as on a running node. Not thread-safe: one test
 * thread drives a kit.
 */
public final class HourglassTestKit implements AutoCloseable {
    /** How long {@link #runDue()} waits for running attempts by default. */
    public static final Duration DEFAULT_ATTEMPT_WAIT = Duration.ofSeconds(30);
    /** The node's name. */
    public static final String NODE_NAME = "test-kit";
    /** The most due times one {@link #advanceAndRunDue} stops at. */
    static final int MAX_STOPS = 100_000;

    private final ManualClock clock;
    private final Hourglass node;
    private final Store store;
    private final Path tempDir;
    private final Duration attemptWait;

    private HourglassTestKit(ManualClock clock, Hourglass node, Store store, Path tempDir, Duration attemptWait) {
        this.clock = clock;
        this.node = node;
        this.store = store;
        this.tempDir = tempDir;
        this.attemptWait = attemptWait;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A kit with these tasks and every default: embedded H2, the clock at {@link ManualClock#atEpochDay()}. */
    public static HourglassTestKit of(Task... tasks) {
        return builder().tasks(tasks).build();
    }

    /** The node: enqueue, create schedules, configure queues, read jobs, as an application would. */
    public Hourglass node() {
        return node;
    }

    public ManualClock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Moves the clock forward only; nothing runs until {@link #runDue()}. A jump, as if the node had been down. */
    public Instant advance(Duration by) {
        return clock.advance(requireForward(by));
    }

    /**
     * Runs what is due now, to its end: fires due schedules (by their misfire policy, when they are late), claims
     * due jobs, runs them and writes their ends, round after round until nothing more is due, so a retry due at
     * once runs in the same call and one with a backoff waits for the clock. Also sweeps expired jobs and takes
     * over jobs whose lease ran out (a remote worker's, when the clock passed it).
     *
     * @throws IllegalStateException when attempts are still running after {@link Builder#attemptWait}
     */
    public RunResult runDue() {
        List<Job> claimed = EngineAccess.engine(node).runDue(attemptWait);
        List<RunResult.Ran> ran = new ArrayList<>(claimed.size());
        for (Job job : claimed) {
            Job after = job(job.id());
            Attempt attempt = attempts(job.id()).stream().filter(a -> a.number() == job.attempts()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("bug: job " + job.id() + " ran attempt "
                            + job.attempts() + " but the store has no such attempt"));
            ran.add(new RunResult.Ran(after, attempt));
        }
        return new RunResult(ran, now());
    }

    /**
     * Lives through {@code by} the way a running node would: runs what is due now, then moves the clock to each
     * time something falls due on the way (a job's due time, a retry's, a schedule's fire time) and runs it, and
     * last moves the clock to the end and runs what is due there. A schedule every 5 minutes fires 12 times in an
     * hour, on time, where {@link #advance} then {@link #runDue()} would find it an hour late (a misfire).
     */
    public RunResult advanceAndRunDue(Duration by) {
        Instant end = now().plus(requireForward(by));
        RunResult result = runDue();
        for (int stop = 1; ; stop++) {
            Optional<Instant> next = nextDue(end);
            if (next.isEmpty()) {
                break;
            }
            if (stop > MAX_STOPS) {
                throw new IllegalStateException("advanceAndRunDue(" + by + ") stopped at " + MAX_STOPS
                        + " due times before " + end + " and work still falls due (now " + now() + ")");
            }
            clock.set(next.get());
            result = result.plus(runDue());
        }
        clock.set(end);
        return result.plus(runDue());
    }

    /** A job as stored now. */
    public Job job(long id) {
        return node.job(id).orElseThrow(() -> new AssertionError("no job " + id + " in the store"));
    }

    /** Every job of {@code task}, oldest first. */
    public List<Job> jobs(String task) {
        return allJobs(JobQuery.all().withTask(task)).stream().sorted(Comparator.comparingLong(Job::id)).toList();
    }

    /** A job's attempts, oldest first. */
    public List<Attempt> attempts(long jobId) {
        return node.attempts(jobId);
    }

    /** Checks on the job as stored now; see {@link JobAssert}. */
    public JobAssert assertThatJob(long id) {
        return new JobAssert(job(id), attempts(id));
    }

    /** Closes the node, and the store when the kit made it, and deletes the temporary directory it made. */
    @Override
    public void close() {
        try {
            node.close(); // closes the store too when the kit made it
        } finally {
            if (tempDir != null) {
                deleteTree(tempDir);
            }
        }
    }

    /** The earliest time after now and not after {@code end} at which a schedule fires or a job falls due. */
    private Optional<Instant> nextDue(Instant end) {
        Instant now = now();
        Set<String> tasks = node.tasks().stream().map(Task::name).collect(Collectors.toSet());
        Optional<Instant> job = tasks.isEmpty() ? Optional.empty() : store.nextDueAt(tasks);
        if (job.isPresent() && !job.get().isAfter(now)) {
            job = nextDueAfter(now, end); // a job due now that nothing claims (a paused queue) hides the later ones
        }
        Optional<Instant> fire = store.nextFireAt().filter(t -> t.isAfter(now));
        return Stream.of(job, fire).flatMap(Optional::stream).filter(t -> t.isAfter(now) && !t.isAfter(end))
                .min(Comparator.naturalOrder());
    }

    private Optional<Instant> nextDueAfter(Instant now, Instant end) {
        Instant from = now.plusNanos(1_000); // the store keeps microseconds; from is inclusive
        JobQuery query = JobQuery.all().withStates(Set.of(JobState.SCHEDULED))
                .withDueBetween(from, end.plusNanos(1_000)).withLimit(JobQuery.MAX_LIMIT);
        return allJobs(query).stream().map(Job::dueAt).min(Comparator.naturalOrder());
    }

    private List<Job> allJobs(JobQuery query) {
        List<Job> all = new ArrayList<>();
        JobQuery page = query.withLimit(JobQuery.MAX_LIMIT);
        while (true) {
            Page<Job> found = node.jobs(page);
            all.addAll(found.items());
            if (found.nextCursor() == null) {
                return all;
            }
            page = page.withCursor(found.nextCursor());
        }
    }

    private static Duration requireForward(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("by: the kit's clock only moves forward, was " + by);
        }
        return by;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the kit's temporary directory " + dir, e);
        }
    }

    /**
     * Builds a kit. Every setting has a default: embedded H2 in a new temporary directory, a {@link ManualClock}
     * at {@link ManualClock#atEpochDay()}, {@link #DEFAULT_ATTEMPT_WAIT}.
     */
    public static final class Builder {
        private final List<Task> tasks = new ArrayList<>();
        private final List<Consumer<HourglassBuilder>> settings = new ArrayList<>();
        private ManualClock clock;
        private Store store;
        private DataSource dataSource;
        private Duration attemptWait = DEFAULT_ATTEMPT_WAIT;

        private Builder() {
        }

        public Builder task(Task value) {
            tasks.add(Objects.requireNonNull(value, "task"));
            return this;
        }

        public Builder tasks(Task... values) {
            for (Task value : values) {
                task(value);
            }
            return this;
        }

        /** The clock the node follows (default a new one at {@link ManualClock#atEpochDay()}). */
        public Builder clock(ManualClock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Starts the kit's clock at {@code value}. */
        public Builder startingAt(Instant value) {
            return clock(new ManualClock(value));
        }

        /**
         * A store of yours instead of the embedded H2 (a PostgreSQL, say); you keep it and close it after the kit.
         * A database other tests share should get a fresh schema per test: the kit reads every job in the store.
         */
        public Builder store(Store value) {
            this.store = Objects.requireNonNull(value, "store");
            this.dataSource = null;
            return this;
        }

        /** A store on your {@code DataSource} (H2 or PostgreSQL), made and closed by the kit; the pool stays yours. */
        public Builder dataSource(DataSource value) {
            this.dataSource = Objects.requireNonNull(value, "dataSource");
            this.store = null;
            return this;
        }

        /**
         * Any other node setting, applied to the node's {@code HourglassBuilder} in order (worker threads, queues'
         * executor types, listeners, ...). The kit sets the store, the clock and the node name after them.
         */
        public Builder node(Consumer<HourglassBuilder> setting) {
            settings.add(Objects.requireNonNull(setting, "setting"));
            return this;
        }

        /** How long {@link HourglassTestKit#runDue()} waits for running attempts (default 30 s). */
        public Builder attemptWait(Duration value) {
            Objects.requireNonNull(value, "attemptWait");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("attemptWait: must be positive, was " + value);
            }
            this.attemptWait = value;
            return this;
        }

        /** Builds the node (migrating the store) and returns the kit; nothing runs until {@code runDue()}. */
        public HourglassTestKit build() {
            ManualClock kitClock = clock != null ? clock : ManualClock.atEpochDay();
            HourglassBuilder builder = Hourglass.builder().tasks(tasks);
            settings.forEach(setting -> setting.accept(builder));
            builder.clock(kitClock).nodeName(NODE_NAME);
            if (store != null) {
                return new HourglassTestKit(kitClock, builder.store(store).build(), store, null, attemptWait);
            }
            if (dataSource != null) {
                Store onDataSource = JdbcStore.create(dataSource);
                return new HourglassTestKit(kitClock, builder.ownedStore(onDataSource).build(), onDataSource, null,
                        attemptWait);
            }
            Path tempDir = createTempDir();
            try {
                Store embedded = JdbcStore.embedded(tempDir);
                // a failed build closes the store it owns
                return new HourglassTestKit(kitClock, builder.ownedStore(embedded).build(), embedded, tempDir,
                        attemptWait);
            } catch (RuntimeException e) {
                deleteTree(tempDir);
                throw e;
            }
        }

        private static Path createTempDir() {
            try {
                return Files.createTempDirectory("hourglass-test-kit");
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a temporary directory for the kit's H2 database", e);
            }
        }
    }
}
