package io.hourglass.engine;

import io.hourglass.ConflictException;
import io.hourglass.InvalidRequestException;
import io.hourglass.NotFoundException;
import io.hourglass.HourglassClient;
import io.hourglass.Stats;
import io.hourglass.attempt.Attempt;
import io.hourglass.feed.Feeds;
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
import io.hourglass.store.Change;
import io.hourglass.store.Incarnation;
import io.hourglass.store.Node;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import io.hourglass.worker.RemoteWorker;
import io.hourglass.worker.RemoteWorkers;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@code io.hourglass.Hourglass}: the client operations, which work whether or not the node is
 * started, over the node's threads ({@link EngineLifecycle}: each {@link #start()} builds a fresh {@link EngineRun},
 * so a stopped node can be started again; {@link #runDue} drives a node that is not started by hand). Every client
 * change wakes the running threads that care, and changes other nodes make reach them through the store's change
 * listener.
 *
 * <p>Public only so the facade in {@code io.hourglass} can use it; applications use {@code Hourglass}.
 */
public final class Engine implements HourglassClient {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final EngineConfig config;
    private final Store store;
    private final TaskRegistry tasks;
    private final RetryDecision retry;
    private final JobFactory jobs;
    private final Enqueuer enqueuer;
    private final ScheduleEditor schedules;
    private final TaskEditor taskEditor;
    private final RemoteWorkerGateway remoteWorkers;
    private final EngineEvents events;
    private final OverdueReasons overdueReasons;
    private final ClusterReads cluster;
    private final Feeds feeds;
    /** Assigned once in the constructor, after the task registry the feed poller's task goes into. */
    private KnownTasks known;
    private final MatchingJobs matching;
    private final EngineLifecycle lifecycle;
    /** The schedule changes of this node's own client, recorded as {@link ScheduleChange#EMBEDDED}'s. */
    private final ActingEditor embedded;
    private final QueueEditor queueEditor;

    /** Builds the engine and brings the store's schema up to date, so client calls work before {@link #start()}. */
    public Engine(EngineConfig config) {
        this.config = config;
        this.store = config.store();
        store.migrate();
        FeedPoller poller = config.feedReader() == null ? null : new FeedPoller(config.feedReader(), store,
                config.secrets(), config.clock(), task -> known.require(List.of(task)), this::enqueueAll);
        this.tasks = new TaskRegistry(config.nodeName(), FeedPoller.withPollTask(config.tasks(), poller),
                config.executorTypes(), config.secrets(), config.runsWork());
        this.retry = new RetryDecision(tasks, () -> ThreadLocalRandom.current().nextDouble());
        this.jobs = new JobFactory(tasks, store);
        this.events = new EngineEvents(config.listeners());
        this.taskEditor = new TaskEditor(config, tasks, () -> wake(EngineRun::wakeDispatcherNow));
        this.lifecycle = new EngineLifecycle(config, tasks, taskEditor, retry, jobs, events, this::onChange);
        this.known = new KnownTasks(tasks, store, this::incarnation);
        this.enqueuer = new Enqueuer(config, jobs, known);
        this.schedules = new ScheduleEditor(store, config.clock(), known);
        this.embedded = new ActingEditor(schedules, ScheduleChange.EMBEDDED, this::fireNow,
                () -> wake(EngineRun::wakePlanner));
        this.overdueReasons = new OverdueReasons(config);
        this.queueEditor = new QueueEditor(store, () -> {
            enqueuer.forgetQueueSettings();
            wake(EngineRun::wakeDispatcherNow);
        });
        this.cluster = new ClusterReads(store);
        this.matching = new MatchingJobs(store, config.clock(), this::enqueueAll, lifecycle::cancelLocally);
        this.remoteWorkers = new RemoteWorkerGateway(config, tasks, retry, this::syncTasksIfNotStarted,
                () -> wake(EngineRun::wakeDispatcherNow), events);
        this.feeds = new FeedEditor(config, poller, known, this);
    }


    /** Starts the node's threads; false when it was already running. */
    public boolean start() {
        return lifecycle.start();
    }

    /** Stops the node's threads (see {@link EngineRun}); false when it was not running. */
    public boolean stop(Duration grace) {
        return lifecycle.stop(grace);
    }

    public boolean isRunning() {
        return lifecycle.isRunning();
    }

    /**
     * Runs what is due now to its end (see {@link DueRunner}), for a node that is not started and never will be:
     * hourglass-testing's {@code HourglassTestKit} drives nodes this way. Not for applications.
     *
     * @param wait how long each round waits for its attempts to end
     * @return the jobs as claimed, one entry per attempt that ran, in claim order
     */
    public List<Job> runDue(Duration wait) {
        return lifecycle.runDue(wait);
    }

    /** Retires the executors built for defined tasks (closing each once idle); for a node that is closing. */
    public void closeDefinedExecutors() {
        tasks.retireAll();
    }

    /** The incarnation of the current start, while the node runs. */
    public Optional<Incarnation> incarnation() {
        return lifecycle.incarnation();
    }

    public RemoteWorkers remoteWorkers() {
        return remoteWorkers;
    }

    // ---- the cluster

    @Override
    public List<Node> nodes() {
        return cluster.nodes();
    }

    @Override
    public JobActivity jobActivity() {
        return cluster.jobActivity();
    }

    @Override
    public Map<String, Map<JobState, Long>> jobCountsByQueue(java.util.Set<JobState> states) {
        return cluster.jobCountsByQueue(states);
    }

    @Override
    public FinishedCounts finishedJobCounts(Instant since, int cap) {
        return cluster.finishedJobCounts(since, cap);
    }

    @Override
    public Stats stats(Instant from, Instant to, Duration bucket) {
        return cluster.stats(from, to, bucket);
    }

    @Override
    public List<RemoteWorker> workers() {
        return remoteWorkers.workers();
    }

    /** The tasks this node runs now: registered in code, and defined ones it could build. */
    public Collection<Task> tasks() {
        return tasks.tasks();
    }

    private void onChange(Change change) {
        try {
            if (change.kind() == Change.Kind.QUEUES) {
                enqueuer.forgetQueueSettings();
            }
            wake(current -> current.onChange(change));
        } catch (RuntimeException e) {
            log.error("{}: handling store change {} failed", config.nodeName(), change, e);
        }
    }

    private void wake(java.util.function.Consumer<EngineRun> action) {
        lifecycle.wake(action);
    }

    // ---- feeds

    @Override
    public Feeds feeds() {
        return feeds;
    }

    // ---- jobs

    @Override
    public EnqueueResult enqueue(JobRequest request) {
        return enqueueAll(List.of(request)).get(0);
    }

    @Override
    public List<EnqueueResult> enqueueAll(List<JobRequest> requests) {
        syncTasksIfNotStarted();
        return published(enqueuer.enqueue(requests));
    }

    /**
     * A started node keeps its definitions current itself (at start, on notifications, every heartbeat); one that
     * is not started (a client) reads them here, at most once a second, so enqueues apply current queues and
     * rankers.
     */
    private void syncTasksIfNotStarted() {
        if (!lifecycle.isRunning()) {
            taskEditor.syncIfStale();
        }
    }

    /** Tells listeners and the dispatcher about the jobs an enqueue created. */
    private List<EnqueueResult> published(Enqueuer.Outcome outcome) {
        outcome.createdPerQueue().forEach(events::jobsEnqueued);
        if (outcome.earliestCreatedDue() != null) {
            wake(current -> current.wakeDispatcherAt(outcome.earliestCreatedDue()));
        }
        return outcome.results();
    }

    @Override
    public Optional<Job> job(long id) {
        return store.findJob(id);
    }

    @Override
    public Page<Job> jobs(JobQuery query) {
        InvalidRequestException.require(query != null, "query", "must not be null");
        return store.findJobs(query);
    }

    @Override
    public List<Attempt> attempts(long jobId) {
        List<Attempt> attempts = store.findAttempts(jobId);
        if (attempts.isEmpty() && store.findJob(jobId).isEmpty()) {
            throw new NotFoundException("job", jobId);
        }
        return attempts;
    }

    @Override
    public List<OverdueJob> overdue(int limit) {
        InvalidRequestException.require(limit >= 1 && limit <= JobQuery.MAX_LIMIT, "limit",
                "must be between 1 and " + JobQuery.MAX_LIMIT + ", was " + limit);
        Instant now = config.clock().instant();
        return overdueReasons.explain(store.findOverdue(now, limit), now);
    }

    @Override
    public Job runNow(long jobId) {
        Instant now = config.clock().instant();
        if (!store.makeDue(jobId, now)) {
            Job job = store.findJob(jobId).orElseThrow(() -> new NotFoundException("job", jobId));
            if (job.state() != JobState.SCHEDULED) {
                throw new ConflictException("job " + jobId + " is " + job.state().wireName()
                        + "; only a scheduled job can be run now");
            }
            // scheduled and already due: nothing to change
        }
        wake(current -> current.wakeDispatcherAt(now));
        return store.findJob(jobId).orElseThrow(() -> new NotFoundException("job", jobId));
    }

    @Override
    public RetryResult retry(long jobId) {
        Job job = store.findJob(jobId).orElseThrow(() -> new NotFoundException("job", jobId));
        if (job.state() == JobState.SCHEDULED) {
            return new RetryResult(RetryResult.Action.MADE_DUE, jobId, runNow(jobId), false); // started since: 409
        }
        if (!job.state().isFinished()) {
            return new RetryResult(RetryResult.Action.REFUSED_RUNNING, jobId, job, false);
        }
        EnqueueResult result = enqueue(MatchingJobs.retryCopy(job));
        Job runs = store.findJob(result.jobId()).orElseThrow(() -> new NotFoundException("job", result.jobId()));
        return new RetryResult(RetryResult.Action.COPIED, jobId, runs, result.created());
    }

    @Override
    public CancelResult cancel(long jobId) {
        CancelResult result = store.cancel(jobId, config.clock().instant());
        if (result == CancelResult.CANCELLATION_REQUESTED) {
            lifecycle.cancelLocally(jobId);
        }
        return result;
    }

    @Override
    public JobCount countJobs(JobQuery query, int cap) {
        return matching.count(query, cap);
    }

    @Override
    public BulkResult cancelMatching(JobQuery query, int limit) {
        return matching.cancel(query, limit);
    }

    @Override
    public BulkResult retryMatching(JobQuery query, int limit) {
        return matching.retry(query, limit);
    }

    // ---- schedules

    @Override public Schedule createSchedule(Schedule d) { return embedded.createSchedule(d); }
    @Override public Schedule updateSchedule(Schedule d) { return embedded.updateSchedule(d); }
    @Override public Schedule enableSchedule(String name) { return embedded.enableSchedule(name); }
    @Override public Schedule disableSchedule(String name) { return embedded.disableSchedule(name); }
    @Override public EnqueueResult triggerSchedule(String name) { return embedded.triggerSchedule(name); }
    @Override public boolean deleteSchedule(String name) { return embedded.deleteSchedule(name); }

    @Override
    public List<ScheduleChange> scheduleHistory(String name, int limit) {
        return schedules.history(name, limit);
    }

    @Override
    public ScheduleEditing actingAs(String actor) {
        InvalidRequestException.require(actor != null && !actor.isBlank(), "actor", "must not be blank");
        return new ActingEditor(schedules, actor, this::fireNow, () -> wake(EngineRun::wakePlanner));
    }

    /** A schedule's job due now, outside its fire times (a trigger); the planner's rules make the job. */
    private EnqueueResult fireNow(String name) {
        Schedule schedule = schedule(name).orElseThrow(() -> new NotFoundException("schedule", name));
        syncTasksIfNotStarted();
        Instant now = config.clock().instant();
        return published(enqueuer.insert(jobs.fromSchedule(schedule, now, now, now))).get(0);
    }

    @Override
    public Optional<Schedule> schedule(String name) {
        return store.findSchedule(name);
    }

    @Override
    public List<Schedule> schedules() {
        return store.findSchedules();
    }

    @Override
    public List<Instant> previewFireTimes(Schedule definition, Instant after, int count) {
        return schedules.preview(definition, after, count);
    }

    // ---- task definitions

    @Override
    public TaskDefinition defineTask(TaskDefinition definition, Long expectedVersion) {
        return taskEditor.define(definition, expectedVersion);
    }

    @Override
    public boolean deleteTask(String name) {
        return taskEditor.delete(name);
    }

    @Override
    public Optional<TaskDefinition> taskDefinition(String name) {
        return store.findTaskDefinition(name);
    }

    @Override
    public List<TaskDefinition> taskDefinitions() {
        return store.findTaskDefinitions();
    }

    // ---- queues

    @Override public QueueConfig configureQueue(QueueConfig queue) { return queueEditor.configure(queue); }
    @Override public QueueConfig pauseQueue(String name) { return queueEditor.setPaused(name, true); }
    @Override public QueueConfig resumeQueue(String name) { return queueEditor.setPaused(name, false); }
    @Override public List<QueueConfig> queues() { return store.findQueues(); }
}
