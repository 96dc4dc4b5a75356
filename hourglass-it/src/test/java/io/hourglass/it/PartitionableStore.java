package io.hourglass.it;

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
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A real store seen through a link that can lose the heartbeat path: while {@link #cutHeartbeats} is on,
 * heartbeats and lease renewals fail as they would with the database unreachable, so the node's leases run out
 * exactly as a hung or partitioned node's would. It also records the completions the store refused, and can hold
 * a read of the task definitions after it is done, as a slow link would, to stage a sync that acts on a stale list,
 * and can lose the store's change notifications of a kind, as a listener that reconnected would.
 */
final class PartitionableStore implements Store {
    private final Store real;
    private volatile boolean heartbeatsCut;
    private final List<Completion> refused = new CopyOnWriteArrayList<>();
    private volatile UnaryOperator<List<TaskDefinition>> afterDefinitionsRead = UnaryOperator.identity();
    private final Set<Change.Kind> lost = java.util.concurrent.ConcurrentHashMap.newKeySet();

    PartitionableStore(Store real) {
        this.real = real;
    }

    void cutHeartbeats(boolean value) {
        heartbeatsCut = value;
    }

    List<Completion> refusedCompletions() {
        return refused;
    }

    /** Runs {@code hook} on every list of task definitions read, before it is returned. */
    void afterDefinitionsRead(UnaryOperator<List<TaskDefinition>> hook) {
        afterDefinitionsRead = hook;
    }

    @Override
    public List<TaskDefinition> findTaskDefinitions() {
        return afterDefinitionsRead.apply(real.findTaskDefinitions());
    }

    @Override
    public io.hourglass.store.FeedStore feeds() {
        return real.feeds();
    }

    private void link() {
        if (heartbeatsCut) {
            throw new IllegalStateException("test partition: the database is unreachable for heartbeats");
        }
    }

    @Override
    public Set<Long> heartbeat(Incarnation node, Collection<String> tasks, Instant now, Instant leaseUntil) {
        link();
        return real.heartbeat(node, tasks, now, leaseUntil);
    }

    @Override
    public Optional<LeaseRenewal> renewLease(long jobId, String owner, int attempt, Instant now, Duration lease) {
        link();
        return real.renewLease(jobId, owner, attempt, now, lease);
    }

    @Override
    public boolean[] complete(List<Completion> completions) {
        boolean[] accepted = real.complete(completions);
        for (int i = 0; i < accepted.length; i++) {
            if (!accepted[i]) {
                refused.add(completions.get(i));
            }
        }
        return accepted;
    }

    @Override public void migrate() { real.migrate(); }
    @Override public String describe() { return "partitionable " + real.describe(); }
    @Override public List<EnqueueResult> insertJobs(List<NewJob> jobs) { return real.insertJobs(jobs); }
    @Override public Optional<Job> findJob(long id) { return real.findJob(id); }
    @Override public Page<Job> findJobs(JobQuery query) { return real.findJobs(query); }
    @Override public List<Job> findOverdue(Instant now, int limit) { return real.findOverdue(now, limit); }
    @Override public List<Attempt> findAttempts(long jobId) { return real.findAttempts(jobId); }
    @Override public boolean makeDue(long jobId, Instant now) { return real.makeDue(jobId, now); }
    @Override public boolean hasUnfinishedJobs(String task) { return real.hasUnfinishedJobs(task); }
    @Override public CancelResult cancel(long jobId, Instant now) { return real.cancel(jobId, now); }
    @Override public io.hourglass.store.BulkCancel cancelJobs(Collection<Long> ids, Instant now) { return real.cancelJobs(ids, now); }
    @Override public long countJobs(JobQuery query, long cap) { return real.countJobs(query, cap); }
    @Override public Optional<Instant> lastSuccess(String dedupKey) { return real.lastSuccess(dedupKey); }
    @Override public long countScheduled(String queue) { return real.countScheduled(queue); }
    @Override public Map<String, Map<JobState, Long>> countJobsByQueueAndState() { return real.countJobsByQueueAndState(); }
    @Override public JobActivity readJobActivity() { return real.readJobActivity(); }
    @Override public FinishedCounts countFinishedSince(Instant since, int cap) { return real.countFinishedSince(since, cap); }
    @Override public Map<String, Map<JobState, Long>> countJobsByQueueAndState(Set<JobState> states) { return real.countJobsByQueueAndState(states); }
    @Override public List<OutcomeCount> countAttempts(Instant from, Instant to, Duration bucket) { return real.countAttempts(from, to, bucket); }
    @Override public Optional<Instant> nextDueAt(Collection<String> tasks) { return real.nextDueAt(tasks); }
    @Override public List<Job> findExpiredLeases(Instant now, int limit) { return real.findExpiredLeases(now, limit); }
    @Override public List<Node> findNodes() { return real.findNodes(); }
    @Override public void removeNode(Incarnation node) { real.removeNode(node); }
    @Override public List<Job> findRunningOfPreviousIncarnations(Incarnation current, int limit) {
        return real.findRunningOfPreviousIncarnations(current, limit);
    }
    @Override public void recordWorkerSeen(String worker, String queue, Instant now) { real.recordWorkerSeen(worker, queue, now); }
    @Override public List<RemoteWorker> findWorkers(Instant seenSince) { return real.findWorkers(seenSince); }
    @Override public int forgetWorkersSeenBefore(Instant cutoff) { return real.forgetWorkersSeenBefore(cutoff); }
    @Override public int deleteFinishedBefore(Instant cutoff, int limit) { return real.deleteFinishedBefore(cutoff, limit); }
    @Override public int expireJobs(Instant now, int limit) { return real.expireJobs(now, limit); }
    @Override public void insertSchedule(Schedule s, ScheduleChange c) { real.insertSchedule(s, c); }
    @Override public boolean updateSchedule(Schedule s, ScheduleChange c) { return real.updateSchedule(s, c); }
    @Override public boolean deleteSchedule(String name, ScheduleChange c) { return real.deleteSchedule(name, c); }
    @Override public void recordScheduleChange(ScheduleChange c) { real.recordScheduleChange(c); }
    @Override public List<ScheduleChange> scheduleChanges(String name, int limit) {
        return real.scheduleChanges(name, limit);
    }
    @Override public int deleteScheduleChangesBefore(Instant cutoff, int limit) {
        return real.deleteScheduleChangesBefore(cutoff, limit);
    }
    @Override public Optional<Schedule> findSchedule(String name) { return real.findSchedule(name); }
    @Override public List<Schedule> findSchedules() { return real.findSchedules(); }
    @Override public Optional<Instant> nextFireAt() { return real.nextFireAt(); }
    @Override public boolean deleteTaskDefinition(String name) { return real.deleteTaskDefinition(name); }
    @Override public Optional<TaskDefinition> findTaskDefinition(String name) { return real.findTaskDefinition(name); }
    @Override public void saveQueue(QueueConfig config) { real.saveQueue(config); }
    @Override public Optional<QueueConfig> findQueue(String name) { return real.findQueue(name); }
    @Override public List<QueueConfig> findQueues() { return real.findQueues(); }

    /** Changes of {@code kind} never reach this store's listeners from now on, as if their notifications were lost. */
    void loseChanges(Change.Kind kind) {
        lost.add(kind);
    }

    @Override
    public void addChangeListener(Consumer<Change> listener) {
        real.addChangeListener(change -> {
            if (!lost.contains(change.kind())) {
                listener.accept(change);
            }
        });
    }

    @Override public void close() { real.close(); }

    @Override
    public List<Job> claim(String owner, Instant now, Instant dueBy, Instant leaseUntil, int limit,
                           Collection<String> tasks, String queue) {
        return real.claim(owner, now, dueBy, leaseUntil, limit, tasks, queue);
    }

    @Override
    public TaskDefinition saveTaskDefinition(TaskDefinition definition, Long expectedVersion) {
        return real.saveTaskDefinition(definition, expectedVersion);
    }

    @Override
    public int fireDueSchedules(Instant now, int limit, Function<Schedule, FirePlan> planner) {
        return real.fireDueSchedules(now, limit, planner);
    }
}
