package io.hourglass.store;

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
import io.hourglass.task.TaskDefinition;
import io.hourglass.worker.LeaseRenewal;
import io.hourglass.worker.RemoteWorker;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one source of truth: jobs, attempts, schedules, queues and nodes. The engine decides, the store persists,
 * and every race between nodes is settled by the store's statements, never by a read-then-write in Java.
 * Implementations are thread-safe. All instants come from the engine's clock, never the database's.
 */
public interface Store extends AutoCloseable {

    /** Creates or upgrades the schema. Safe to call on every start and from several nodes at once. */
    void migrate();

    /** One line for logs, e.g. "PostgreSQL 15.20 at jdbc:postgresql://127.0.0.1:5432/test". No secrets. */
    String describe();

    // ---- jobs: enqueue and read

    /**
     * Inserts jobs in one round trip where the database allows. A job whose dedup key belongs to an unfinished
     * job is not inserted; its result carries the existing job's id and {@code created == false}. A job whose
     * (schedule, fire time) already exists is likewise not inserted. Results are in input order.
     */
    List<EnqueueResult> insertJobs(List<NewJob> jobs);

    Optional<Job> findJob(long id);

    Page<Job> findJobs(JobQuery query);

    /** Scheduled jobs due before {@code now}, oldest due first. */
    List<Job> findOverdue(Instant now, int limit);

    /** A job's attempts, oldest first. */
    List<Attempt> findAttempts(long jobId);

    /**
     * Makes a scheduled job due at {@code now} (if it was due later); false when the job is not scheduled (unknown,
     * running or finished). Its queue, priority and attempts are unchanged.
     */
    boolean makeDue(long jobId, Instant now);

    /** True when some job of this task is still scheduled or running. */
    boolean hasUnfinishedJobs(String task);

    /** Cancels a scheduled job, or flags a running one for its owner to stop. */
    CancelResult cancel(long jobId, Instant now);

    /**
     * Cancels many jobs as {@link #cancel} does each (a scheduled one at once, a running one flagged for its
     * owner), in one transaction with one statement per state; unknown and finished jobs are left alone.
     */
    BulkCancel cancelJobs(Collection<Long> jobIds, Instant now);

    /**
     * How many jobs match the query's filters (its cursor counts: only ids below it; its limit does not), counting
     * at most {@code cap}: the answer is {@code min(matching, cap)}, so the cost is bounded on any history.
     */
    long countJobs(JobQuery query, long cap);

    /** When a job with this dedup key last succeeded, for the time-since-last-success ranker. */
    Optional<Instant> lastSuccess(String dedupKey);

    /** How many scheduled jobs wait in a queue, for its max size. */
    long countScheduled(String queue);

    /** How many jobs each queue holds in each state; states a queue has no job in are left out. */
    Map<String, Map<JobState, Long>> countJobsByQueueAndState();

    /**
     * The same count for these states only: with unfinished states it reads their narrow indexes, not the history,
     * so queue depths stay cheap on any history.
     */
    Map<String, Map<JobState, Long>> countJobsByQueueAndState(Set<JobState> states);

    /**
     * How many jobs finished at or after {@code since}, by final state, counting at most {@code cap} of them, the
     * newest finished first (read off the finished-time index, so the cost is bounded by the cap).
     */
    FinishedCounts countFinishedSince(Instant since, int cap);

    /**
     * How many attempts ended with each outcome, per time bucket: attempts whose end time is in
     * {@code [from, to)}, grouped by that time floored to a multiple of {@code bucket} since the epoch. Only
     * non-empty (bucket, outcome) pairs are returned, ordered by bucket start, then outcome.
     *
     * @param bucket a whole number of seconds, at least one
     */
    List<OutcomeCount> countAttempts(Instant from, Instant to, Duration bucket);

    /** The jobs' {@link JobActivity} now: read in one statement over indexes, never a count over the history. */
    JobActivity readJobActivity();

    // ---- jobs: claim, complete, leases

    /**
     * Claims up to {@code limit} due jobs for {@code owner}, best first (priority descending, then due time),
     * in one statement with {@code FOR UPDATE SKIP LOCKED}: each claimed job is set running with the owner, the
     * lease expiry, {@code startedAt = now} and its attempt count raised by one; the lease asked for
     * ({@code leaseUntil - now}) is remembered for {@link #renewLease}. Paused queues are skipped and
     * queue concurrency limits hold across all nodes.
     *
     * @param tasks  only jobs of these tasks (the ones this node can run); null for any
     * @param queue  only jobs of this queue (a remote worker's pop); null for any
     */
    default List<Job> claim(String owner, Instant now, Instant leaseUntil, int limit, Collection<String> tasks,
                            String queue) {
        return claim(owner, now, now, leaseUntil, limit, tasks, queue);
    }

    /**
     * Claims as {@link #claim(String, Instant, Instant, int, Collection, String)} does, also taking jobs due by
     * {@code dueBy} (at or after {@code now}), so a node can hold a job under its lease and start it at its due time
     * with the claim's round trip already behind it. Jobs of queues with a concurrency limit are claimed only when
     * due by {@code now}: a job held ahead counts as running, and would keep a due one of its queue waiting.
     */
    List<Job> claim(String owner, Instant now, Instant dueBy, Instant leaseUntil, int limit, Collection<String> tasks,
                    String queue);

    /** The earliest due time among claimable scheduled jobs of these tasks (null: any), for the wake-up timer. */
    Optional<Instant> nextDueAt(Collection<String> tasks);

    /**
     * Ends attempts in one transaction: fenced by owner and attempt (see {@link Completion}), records an attempt
     * row for each accepted completion and moves the job on. Returns, per completion in order, whether it was
     * accepted; a refused one changed nothing.
     */
    boolean[] complete(List<Completion> completions);

    /**
     * A node's heartbeat: records the node as alive with the tasks it runs, and extends the lease of every job
     * this incarnation owns (owner {@link Incarnation#owner()}, never another incarnation of the same name) to
     * {@code leaseUntil}. The node's row is keyed by name: a new incarnation replaces the previous one's, with
     * {@code startedAt = now}. Returns the ids of its running jobs that somebody asked to cancel.
     */
    Set<Long> heartbeat(Incarnation node, Collection<String> tasks, Instant now, Instant leaseUntil);

    /**
     * Extends the lease of one job to {@code now + lease}, fenced by owner and attempt. With {@code lease} null it
     * extends by the lease remembered for the running attempt (the one its claim asked for, or the last one given
     * here, which is remembered in its place). Empty when the owner lost the job.
     */
    Optional<LeaseRenewal> renewLease(long jobId, String owner, int attempt, Instant now, Duration lease);

    /** Running jobs whose lease expired before {@code now}: their owner is presumed dead. */
    List<Job> findExpiredLeases(Instant now, int limit);

    /**
     * Running jobs owned by a previous incarnation of {@code current}'s node name (see
     * {@link Incarnation#isPrevious}): that process is gone, since this one took its name.
     */
    List<Job> findRunningOfPreviousIncarnations(Incarnation current, int limit);

    List<Node> findNodes();

    /** Forgets a node that shut down cleanly; a newer incarnation of the same name is left alone. */
    void removeNode(Incarnation node);

    // ---- remote workers

    /**
     * Records that {@code worker} called at {@code now}: a pop from {@code queue}, or, with {@code queue} null, a
     * heartbeat or completion (which refreshes every queue it popped from).
     */
    void recordWorkerSeen(String worker, String queue, Instant now);

    /**
     * Workers seen at or after {@code seenSince}, and workers still holding a running job, by name: the queues
     * seen in that time (or of the jobs they hold) and how many jobs each holds.
     */
    List<RemoteWorker> findWorkers(Instant seenSince);

    /** Forgets workers (per queue) not seen since {@code cutoff}; returns how many rows went. */
    int forgetWorkersSeenBefore(Instant cutoff);

    /** Deletes up to {@code limit} finished jobs (and their attempts) that finished before {@code cutoff}. */
    int deleteFinishedBefore(Instant cutoff, int limit);

    /**
     * Ends up to {@code limit} scheduled jobs whose expiry is at or before {@code now} as
     * {@link io.hourglass.job.JobState#EXPIRED}, with the reason as their last error; returns how many. Claims
     * never return such a job, whether or not this ran.
     */
    int expireJobs(Instant now, int limit);

    // ---- schedules

    /**
     * Inserts a schedule with its run state and records {@code change} in its history, in one transaction;
     * throws {@link io.hourglass.ConflictException} if the name is taken (and records nothing).
     */
    void insertSchedule(Schedule schedule, ScheduleChange change);

    /**
     * Replaces a schedule's definition and run state and records {@code change}, in one transaction; false (and
     * nothing recorded) when there is no such schedule.
     */
    boolean updateSchedule(Schedule schedule, ScheduleChange change);

    /** Deletes a schedule and records {@code change}, in one transaction; false when there was none. */
    boolean deleteSchedule(String name, ScheduleChange change);

    /** Records a change that alters no schedule row (a trigger). */
    void recordScheduleChange(ScheduleChange change);

    /**
     * A schedule's history, newest first, at most {@code limit} entries; kept after the schedule is deleted, until
     * retention removes it.
     */
    List<ScheduleChange> scheduleChanges(String name, int limit);

    /** Deletes up to {@code limit} history entries older than {@code cutoff}; returns how many went. */
    int deleteScheduleChangesBefore(Instant cutoff, int limit);

    Optional<Schedule> findSchedule(String name);

    List<Schedule> findSchedules();

    /**
     * Fires enabled schedules whose next fire time is at or before {@code now}, up to {@code limit}, each locked
     * with {@code SKIP LOCKED} so nodes share the work. For each, in one transaction: asks {@code planner} what to
     * do, inserts the plan's jobs (skipping any (schedule, fire time) that exists) and stores the next fire time,
     * the last fire time and the run count. A plan that says {@link FirePlan#skipIfPending} inserts nothing while
     * the schedule's previous job is scheduled or running: it stores the next fire time and adds the skipped fire
     * times to the skipped count. Returns how many schedules fired.
     */
    int fireDueSchedules(Instant now, int limit, Function<Schedule, FirePlan> planner);

    /** The earliest next fire time of enabled schedules, for the wake-up timer. */
    Optional<Instant> nextFireAt();

    // ---- task definitions

    /**
     * Inserts or replaces a task definition (matched by name) and returns it as stored: version 1 when new, the
     * stored version plus one when replaced, with {@code updatedAt} as given. Other nodes are told (a TASKS change).
     *
     * @param expectedVersion when not null, the replace happens only if the stored version is this one (0: only
     *                        if there is none); otherwise {@link io.hourglass.ConflictException} naming both
     */
    TaskDefinition saveTaskDefinition(TaskDefinition definition, Long expectedVersion);

    /** Deletes a task definition; false when there was none. Other nodes are told (a TASKS change). */
    boolean deleteTaskDefinition(String name);

    Optional<TaskDefinition> findTaskDefinition(String name);

    /** Every task definition, by name. */
    List<TaskDefinition> findTaskDefinitions();

    // ---- feeds

    /** Feed definitions, their validators and their polls. */
    FeedStore feeds();

    // ---- queues

    void saveQueue(QueueConfig config);

    Optional<QueueConfig> findQueue(String name);

    /** Configured queues, and queues that only have jobs (with default settings), by name. */
    List<QueueConfig> findQueues();

    // ---- changes from other nodes

    /**
     * Registers a listener for changes made by other nodes (PostgreSQL LISTEN/NOTIFY). Stores with a single node
     * (an embedded H2 file) may never call it. Listeners are called on the store's own thread and must be quick.
     */
    void addChangeListener(Consumer<Change> listener);

    @Override
    void close();
}
