package io.hourglass;

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
import io.hourglass.job.OverdueJob;
import io.hourglass.job.JobState;
import io.hourglass.job.Page;
import io.hourglass.job.RetryResult;
import io.hourglass.queue.QueueConfig;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleChange;
import io.hourglass.schedule.ScheduleEditing;
import io.hourglass.store.Node;
import io.hourglass.task.TaskDefinition;
import io.hourglass.worker.RemoteWorker;
import io.hourglass.worker.RemoteWorkers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a program does with Hourglass besides running work: enqueue, cancel, query, manage schedules and
 * queues. A node that runs no work (a web front end, a feed poller) can use a client alone.
 *
 * <p>All methods are thread-safe. Bad input throws {@link InvalidRequestException} naming the field; an unknown id
 * throws {@link NotFoundException}.
 */
public interface HourglassClient {

    // ---- jobs

    /**
     * Enqueues one job. When the request's dedup key belongs to a job that is still scheduled or running, nothing
     * is created and the result carries that job's id with {@code created == false}.
     */
    EnqueueResult enqueue(JobRequest request);

    /** Enqueues many jobs in one round trip; results are in request order, with the same dedup rule per job. */
    List<EnqueueResult> enqueueAll(List<JobRequest> requests);

    Optional<Job> job(long id);

    /** Jobs matching the query, newest first, one page at a time (see {@link Page#nextCursor()}). */
    Page<Job> jobs(JobQuery query);

    /** Every attempt at a job, oldest first. */
    List<Attempt> attempts(long jobId);

    /**
     * Jobs whose due time has passed but that nobody has claimed, oldest due first, each with why it waits (its
     * queue is paused, no live node runs its task, its queue is at its concurrency limit, or it is just due).
     */
    List<OverdueJob> overdue(int limit);

    /**
     * Makes a scheduled job due now, keeping its queue and priority: "run now" for a job due later, or waiting
     * for a retry. Returns the job as it is after the change.
     *
     * @throws NotFoundException for an unknown job
     * @throws ConflictException when the job is running or finished (enqueue a copy to run it again)
     */
    Job runNow(long jobId);

    /**
     * Retry now: runs a job now, whatever kept it waiting. A finished job gets a fresh copy due now (same task,
     * arguments, queue, priority, limits and dedup key); a scheduled one, due later or waiting out its retry
     * backoff, is made due now; a running one is refused (it is being tried now). The result says which.
     *
     * @throws NotFoundException for an unknown job
     * @throws ConflictException when a scheduled job started running during the call
     */
    RetryResult retry(long jobId);

    /**
     * Cancels a scheduled job at once, or asks the node running it to stop (its handler sees
     * {@code JobContext.isCancellationRequested()}).
     */
    CancelResult cancel(long jobId);

    /** The most jobs one {@link #countJobs}, {@link #cancelMatching} or {@link #retryMatching} call counts or changes. */
    int MAX_BULK = 10_000;

    /**
     * How many jobs match the query's filters (its cursor counts: only ids below it; its limit does not), counting
     * at most {@code cap} ({@code 1 ..} {@link #MAX_BULK}): beyond it the answer says "more than cap".
     */
    JobCount countJobs(JobQuery query, int cap);

    /**
     * Cancels up to {@code limit} jobs matching the query's filters, newest first, as {@link #cancel} does each:
     * only scheduled and running jobs (the query's states narrow that; a finished state matches nothing). Works in
     * batches, each in its own transaction.
     *
     * @param limit 1 to {@link #MAX_BULK}
     */
    BulkResult cancelMatching(JobQuery query, int limit);

    /**
     * Retries up to {@code limit} finished jobs matching the query's filters, newest first, as {@link #retry} does
     * a finished job: a fresh copy each, due now. Without states in the query it takes failed and cancelled jobs;
     * naming states narrows that to the finished ones named (so succeeded jobs are run again only when asked).
     *
     * @param limit 1 to {@link #MAX_BULK}
     */
    BulkResult retryMatching(JobQuery query, int limit);

    // ---- schedules

    /** Creates a schedule; its name must be new. Takes effect on every node without a restart. */
    Schedule createSchedule(Schedule definition);

    /** Replaces the definition of an existing schedule (matched by name), keeping its run history. */
    Schedule updateSchedule(Schedule definition);

    Schedule enableSchedule(String name);

    /**
     * Runs a schedule once now, outside its timing: a job due now with the schedule's task, arguments, queue and
     * priority, linked to it (its {@code scheduleName}, with {@code fireAt} now). The schedule's own next fire time
     * is unchanged. Works on disabled schedules too. A matrix schedule gets one job per combination, as at a fire;
     * the answer is the first combination's job (the others follow it in id order).
     */
    EnqueueResult triggerSchedule(String name);

    Schedule disableSchedule(String name);

    /** Deletes a schedule; jobs it already created are left alone. Returns false when there was none. */
    boolean deleteSchedule(String name);

    Optional<Schedule> schedule(String name);

    List<Schedule> schedules();

    /** The next {@code count} fire times of a definition after {@code after}, honouring its start/end bounds. */
    List<Instant> previewFireTimes(Schedule definition, Instant after, int count);

    /**
     * A schedule's change history, newest first: who created, edited, enabled, disabled, triggered or deleted it,
     * when, with its definition before and after. Kept after the schedule is deleted, for as long as job history.
     *
     * @param limit 1 to {@link ScheduleChange#MAX_READ}
     */
    List<ScheduleChange> scheduleHistory(String name, int limit);

    /**
     * The schedule changes of this client, recorded as made by {@code actor} (a server passes the name of the API
     * token or console session it acts for). This client's own changes are recorded as
     * {@link ScheduleChange#EMBEDDED}.
     */
    ScheduleEditing actingAs(String actor);

    // ---- task definitions

    /**
     * Defines a task at runtime, or replaces the definition of one (matched by name): every node that has the
     * named executor type runs it from then on, without a restart. Its settings are checked by this node's
     * executor type before anything is stored.
     *
     * @param expectedVersion null to save whatever is stored; otherwise the version the caller last read (0 for
     *                        "must be new"), and a {@link ConflictException} if somebody saved another since
     * @return the definition as stored, with its new version
     * @throws InvalidRequestException naming the field or setting at fault, or an executor this node lacks
     * @throws ConflictException for a task registered in code, or a version mismatch
     */
    TaskDefinition defineTask(TaskDefinition definition, Long expectedVersion);

    /**
     * Deletes a task definition; false when there was none. Refused ({@link ConflictException}) for tasks
     * registered in code, tasks that schedules use, and tasks with scheduled or running jobs.
     */
    boolean deleteTask(String name);

    Optional<TaskDefinition> taskDefinition(String name);

    /** Every task defined at runtime, by name (tasks registered in code are not stored). */
    List<TaskDefinition> taskDefinitions();

    // ---- feeds

    /** Feeds: HTTP sources polled on a schedule whose JSON items become jobs (define, poll, preview, polls). */
    Feeds feeds();

    // ---- queues

    /** Creates or changes a queue's settings. */
    QueueConfig configureQueue(QueueConfig config);

    QueueConfig pauseQueue(String name);

    QueueConfig resumeQueue(String name);

    /** Every queue that has settings or jobs. */
    List<QueueConfig> queues();

    /**
     * A summary of job activity (newest job, running jobs, latest start and ends) that live dashboards compare
     * between ticks to see whether jobs changed; one cheap statement over indexes, whatever the history's size.
     */
    JobActivity jobActivity();

    /**
     * How many jobs each queue holds in each of these states (not empty; states without jobs left out), one
     * grouped count per state. For the unfinished states (queue depth and running) it reads their narrow indexes,
     * so it stays cheap however long the history is; a finished state counts that state's whole history (kept for
     * the retention period): for a dashboard's recent outcomes use {@link #finishedJobCounts}.
     */
    Map<String, Map<JobState, Long>> jobCountsByQueue(Set<JobState> states);

    /** {@link #finishedJobCounts} counts at most this many jobs in one call. */
    int MAX_FINISHED_COUNTED = 1_000_000;

    /**
     * How many jobs finished (succeeded, failed, cancelled, expired) at or after {@code since}, by state, read off
     * the finished-time index newest first and counting at most {@code cap} jobs (1 to
     * {@link #MAX_FINISHED_COUNTED}): the cost is bounded by the cap, not by the history or the window. When the
     * window held more, the answer says so and from when it counted.
     */
    FinishedCounts finishedJobCounts(Instant since, int cap);

    // ---- the cluster

    /** At most this many time buckets in one {@link #stats} call. */
    int MAX_STATS_BUCKETS = 1000;

    /**
     * Every node that heartbeats into the store, by name, with its current incarnation, start time, last heartbeat
     * and the tasks it runs (remote workers are not nodes: {@link #workers()} lists them).
     */
    List<Node> nodes();

    /**
     * The remote workers seen within {@link RemoteWorkers#SHOWN_FOR} or holding a job, with the queues they popped
     * from and how many jobs each holds, as recorded by every node of the cluster.
     */
    List<RemoteWorker> workers();

    /**
     * Jobs by state now, and attempts by outcome per {@code bucket} for attempts that ended in {@code [from, to)}.
     *
     * @param bucket whole seconds, at least one; the range may span at most {@link #MAX_STATS_BUCKETS} buckets
     * @throws InvalidRequestException naming {@code from}, {@code to} or {@code bucket}
     */
    Stats stats(Instant from, Instant to, Duration bucket);
}
