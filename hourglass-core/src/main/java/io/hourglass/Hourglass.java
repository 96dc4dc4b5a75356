package io.hourglass;

import io.hourglass.attempt.Attempt;
import io.hourglass.engine.Engine;
import io.hourglass.engine.EngineConfig;
import io.hourglass.internal.EngineAccess;
import io.hourglass.job.BulkResult;
import io.hourglass.job.CancelResult;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.FinishedCounts;
import io.hourglass.job.Job;
import io.hourglass.job.JobActivity;
import io.hourglass.job.JobCount;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.job.OverdueJob;
import io.hourglass.job.Page;
import io.hourglass.job.RetryResult;
import io.hourglass.queue.QueueConfig;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleChange;
import io.hourglass.schedule.ScheduleEditing;
import io.hourglass.store.Incarnation;
import io.hourglass.store.Node;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import io.hourglass.worker.RemoteWorker;
import io.hourglass.worker.RemoteWorkers;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hourglass node: the client API, plus (once {@link #start() started}) the threads that plan schedules, claim
 * due jobs, run them and keep their leases. Nodes sharing a store form a cluster; each job runs on one of them.
 *
 * <pre>{@code
 * try (Hourglass hourglass = Hourglass.builder().store(store).task(Task.of("hello", ctx -> greet(ctx))).build()) {
 *     hourglass.start();
 *     hourglass.enqueue(JobRequest.of("hello").kwargs(Map.of("name", "Ada")).build());
 * }
 * }</pre>
 *
 * Client methods work before {@code start()} and on nodes built with {@code workerThreads(0)}, which never run work.
 *
 * <p>{@link #close()} closes what the node opened: its threads (as {@link #stop(Duration)}), the executors it built
 * for tasks defined at runtime, and the store when it was handed over with {@link HourglassBuilder#ownedStore}.
 * It does not close what the caller gave it and still owns: a store given with {@link HourglassBuilder#store}
 * (nor the {@code DataSource} under it), {@link io.hourglass.executor.ExecutorType executor types}, the
 * executors of tasks registered in code, listeners, the clock.
 */
public final class Hourglass implements HourglassClient, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hourglass.class);

    /** How long {@link #close()} lets running attempts finish before stopping them. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    static {
        EngineAccess.install(node -> node.engine);
    }

    private final EngineConfig config;
    private final Engine engine;
    private final boolean ownsStore;
    private final AtomicBoolean closed = new AtomicBoolean();

    Hourglass(EngineConfig config, boolean ownsStore) {
        this.config = config;
        this.engine = new Engine(config);
        this.ownsStore = ownsStore;
    }

    public static HourglassBuilder builder() {
        return new HourglassBuilder();
    }

    /**
     * Starts the node's threads; does nothing when already running. The schema was brought up to date when the node
     * was built ({@link HourglassBuilder#build()}), so starting does no migration.
     */
    public void start() {
        if (closed.get()) {
            throw new IllegalStateException("Hourglass node '" + config.nodeName() + "' was closed; build a new one");
        }
        if (engine.start()) {
            log.info("Hourglass node '{}' started as {}: store {}, {} worker threads (prefetch up to {}, claim ahead {}), tasks {}, claim batch {}, lease {},"
                            + " heartbeat {}, poll {}, misfire grace {}, output cut at {} chars, history kept {},"
                            + " completion batch {}, clock {}",
                    config.nodeName(), engine.incarnation().map(Incarnation::owner).orElse("?"),
                    config.store().describe(), config.workerThreads(), config.prefetch(),
                    config.claimAhead(), engine.tasks().stream().map(Task::name).toList(),
                    config.claimBatchSize(), config.leaseDuration(), config.heartbeatInterval(),
                    config.pollInterval(), config.misfireGrace(), config.maxOutputChars(),
                    config.historyRetention(), config.completionBatchSize(), config.clock());
        }
    }

    /**
     * Stops claiming and planning, lets running attempts finish for up to {@code grace}, then stops the rest and
     * releases their jobs for an immediate retry elsewhere; writes every pending result and leaves the cluster.
     */
    public void stop(Duration grace) {
        InvalidRequestException.require(grace != null && !grace.isNegative(), "grace",
                "must not be negative, was " + grace);
        if (engine.stop(grace)) {
            log.info("Hourglass node '{}' stopped", config.nodeName());
        }
    }

    /**
     * {@link #stop(Duration)} with {@link #DEFAULT_STOP_GRACE}, then closes the executors this node built for
     * defined tasks and, last, an {@link HourglassBuilder#ownedStore owned} store (see the class comment for what
     * it leaves open). The node cannot be started again; closing twice does nothing more.
     */
    @Override
    public void close() {
        stop(DEFAULT_STOP_GRACE);
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        engine.closeDefinedExecutors();
        if (ownsStore) {
            config.store().close();
        }
    }

    public boolean isRunning() {
        return engine.isRunning();
    }

    public String nodeName() {
        return config.nodeName();
    }

    /** The settings this node was built with, defaults filled in. */
    public NodeSettings settings() {
        return new NodeSettings(config.nodeName(), config.store().describe(), config.workerThreads(),
                config.claimBatchSize(), config.prefetch(), config.leaseDuration(), config.heartbeatInterval(),
                config.pollInterval(), config.misfireGrace(), config.maxOutputChars(), config.historyRetention(),
                config.completionBatchSize(), config.claimAhead());
    }

    /**
     * This start of the node, while it runs: the owner its jobs and attempts carry ({@code name#startId}). Each
     * start is a new incarnation, so a restart under the same name never renews the previous process's leases.
     */
    public Optional<Incarnation> incarnation() {
        return engine.incarnation();
    }

    /** The tasks this node runs now: registered in code, and those defined at runtime that it could build. */
    public Collection<Task> tasks() {
        return engine.tasks();
    }

    /** The entry point for workers outside this JVM that pull jobs. */
    public RemoteWorkers remoteWorkers() {
        return engine.remoteWorkers();
    }

    @Override public List<Node> nodes() { return engine.nodes(); }
    @Override public JobActivity jobActivity() { return engine.jobActivity(); }
    @Override public Map<String, Map<JobState, Long>> jobCountsByQueue(java.util.Set<JobState> states) {
        return engine.jobCountsByQueue(states);
    }
    @Override public FinishedCounts finishedJobCounts(Instant since, int cap) {
        return engine.finishedJobCounts(since, cap);
    }
    @Override public Stats stats(Instant from, Instant to, Duration bucket) { return engine.stats(from, to, bucket); }
    @Override public List<RemoteWorker> workers() { return engine.workers(); }
    @Override public RetryResult retry(long jobId) { return engine.retry(jobId); }
    @Override public EnqueueResult enqueue(JobRequest request) { return engine.enqueue(request); }
    @Override public List<EnqueueResult> enqueueAll(List<JobRequest> requests) { return engine.enqueueAll(requests); }
    @Override public Optional<Job> job(long id) { return engine.job(id); }
    @Override public Page<Job> jobs(JobQuery query) { return engine.jobs(query); }
    @Override public List<Attempt> attempts(long jobId) { return engine.attempts(jobId); }
    @Override public List<OverdueJob> overdue(int limit) { return engine.overdue(limit); }
    @Override public Job runNow(long jobId) { return engine.runNow(jobId); }
    @Override public CancelResult cancel(long jobId) { return engine.cancel(jobId); }
    @Override public JobCount countJobs(JobQuery query, int cap) { return engine.countJobs(query, cap); }
    @Override public BulkResult cancelMatching(JobQuery query, int limit) { return engine.cancelMatching(query, limit); }
    @Override public BulkResult retryMatching(JobQuery query, int limit) { return engine.retryMatching(query, limit); }
    @Override public Schedule createSchedule(Schedule definition) { return engine.createSchedule(definition); }
    @Override public Schedule updateSchedule(Schedule definition) { return engine.updateSchedule(definition); }
    @Override public Schedule enableSchedule(String name) { return engine.enableSchedule(name); }
    @Override public Schedule disableSchedule(String name) { return engine.disableSchedule(name); }
    @Override public EnqueueResult triggerSchedule(String name) { return engine.triggerSchedule(name); }
    @Override public boolean deleteSchedule(String name) { return engine.deleteSchedule(name); }
    @Override public Optional<Schedule> schedule(String name) { return engine.schedule(name); }
    @Override public List<Schedule> schedules() { return engine.schedules(); }
    @Override public List<ScheduleChange> scheduleHistory(String name, int limit) {
        return engine.scheduleHistory(name, limit);
    }
    @Override public ScheduleEditing actingAs(String actor) { return engine.actingAs(actor); }
    @Override public boolean deleteTask(String name) { return engine.deleteTask(name); }
    @Override public Optional<TaskDefinition> taskDefinition(String name) { return engine.taskDefinition(name); }
    @Override public List<TaskDefinition> taskDefinitions() { return engine.taskDefinitions(); }
    @Override public QueueConfig configureQueue(QueueConfig queue) { return engine.configureQueue(queue); }
    @Override public QueueConfig pauseQueue(String name) { return engine.pauseQueue(name); }
    @Override public QueueConfig resumeQueue(String name) { return engine.resumeQueue(name); }
    @Override public List<QueueConfig> queues() { return engine.queues(); }
    @Override public io.hourglass.feed.Feeds feeds() { return engine.feeds(); }

    @Override
    public TaskDefinition defineTask(TaskDefinition definition, Long expectedVersion) {
        return engine.defineTask(definition, expectedVersion);
    }

    @Override
    public List<Instant> previewFireTimes(Schedule definition, Instant after, int count) {
        return engine.previewFireTimes(definition, after, count);
    }
}
