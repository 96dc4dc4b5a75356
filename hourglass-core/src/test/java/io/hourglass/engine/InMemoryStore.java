package io.hourglass.engine;

import io.hourglass.ConflictException;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A single-lock, in-memory store with the contract's semantics (fenced completions, dedup of unfinished jobs,
 * queue pause and concurrency), so engine tests in this module run without a database. The JDBC store is tested
 * against the same scenarios in hourglass-it.
 */
final class InMemoryStore implements Store {
    private final Map<Long, Job> jobs = new TreeMap<>();
    private final Map<Long, List<Attempt>> attempts = new TreeMap<>();
    private final Map<String, Schedule> schedules = new LinkedHashMap<>();
    private final List<ScheduleChange> scheduleChanges = new ArrayList<>();
    private final Map<String, QueueConfig> queues = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<Long, Duration> leases = new TreeMap<>();
    /** Worker name, then queue, then when last seen. */
    private final Map<String, Map<String, Instant>> workersSeen = new TreeMap<>();
    private final Map<String, TaskDefinition> definitions = new java.util.TreeMap<>();
    private long nextId = 1;
    /** How many claim statements were made, to see that the dispatcher does not spin. */
    final java.util.concurrent.atomic.AtomicInteger claims = new java.util.concurrent.atomic.AtomicInteger();
    /** Jobs handed out by all claims so far. */
    final java.util.concurrent.atomic.AtomicInteger claimedJobs = new java.util.concurrent.atomic.AtomicInteger();
    /** Runs at the start of every claim, inside it: lets a test look at the node at that moment. */
    volatile Runnable beforeClaim = () -> { };

    @Override public void migrate() { }
    @Override public String describe() { return "in-memory store"; }
    @Override public void close() { }
    @Override public void addChangeListener(Consumer<Change> listener) { }

    @Override
    public synchronized List<EnqueueResult> insertJobs(List<NewJob> newJobs) {
        List<EnqueueResult> results = new ArrayList<>();
        for (NewJob n : newJobs) {
            Optional<Job> twin = jobs.values().stream().filter(j -> !j.state().isFinished() && n.dedupKey() != null
                    && n.dedupKey().equals(j.dedupKey())).findFirst();
            if (twin.isPresent()) {
                results.add(new EnqueueResult(twin.get().id(), false));
                continue;
            }
            long id = nextId++;
            jobs.put(id, new Job(id, n.task(), n.queue(), n.priority(), n.args(), n.kwargs(), n.dedupKey(),
                    JobState.SCHEDULED, n.dueAt(), n.createdAt(), 0, n.maxAttempts(), n.timeout(), null, null, null,
                    null, null, null, false, n.scheduleName(), n.fireAt(), n.expiresAt(), n.cell()));
            results.add(new EnqueueResult(id, true));
        }
        return results;
    }

    @Override public synchronized Optional<Job> findJob(long id) { return Optional.ofNullable(jobs.get(id)); }

    @Override
    public synchronized Page<Job> findJobs(JobQuery q) {
        List<Job> found = jobs.values().stream()
                .filter(j -> q.states().isEmpty() || q.states().contains(j.state()))
                .filter(j -> q.task() == null || q.task().equals(j.task()))
                .sorted(Comparator.comparingLong(Job::id).reversed()).limit(q.limit()).toList();
        return new Page<>(found, null);
    }

    @Override
    public synchronized List<Job> findOverdue(Instant now, int limit) {
        return jobs.values().stream().filter(j -> j.state() == JobState.SCHEDULED && j.dueAt().isBefore(now))
                .limit(limit).toList();
    }

    @Override
    public synchronized List<Attempt> findAttempts(long jobId) {
        return List.copyOf(attempts.getOrDefault(jobId, List.of()));
    }

    @Override
    public synchronized CancelResult cancel(long jobId, Instant now) {
        Job j = jobs.get(jobId);
        if (j == null) {
            return CancelResult.NOT_FOUND;
        }
        if (j.state() == JobState.SCHEDULED) {
            jobs.put(jobId, with(j, JobState.CANCELLED, j.attempts(), null, null, j.startedAt(), now, j.lastOutcome(),
                    j.lastError(), false, j.dueAt()));
            return CancelResult.CANCELLED;
        }
        if (j.state() == JobState.RUNNING) {
            jobs.put(jobId, with(j, j.state(), j.attempts(), j.owner(), j.leaseUntil(), j.startedAt(), null,
                    j.lastOutcome(), j.lastError(), true, j.dueAt()));
            return CancelResult.CANCELLATION_REQUESTED;
        }
        return CancelResult.ALREADY_FINISHED;
    }

    @Override
    public synchronized io.hourglass.store.BulkCancel cancelJobs(Collection<Long> jobIds, Instant now) {
        int cancelled = 0;
        int requested = 0;
        for (long id : jobIds) {
            CancelResult result = cancel(id, now);
            cancelled += result == CancelResult.CANCELLED ? 1 : 0;
            requested += result == CancelResult.CANCELLATION_REQUESTED ? 1 : 0;
        }
        return new io.hourglass.store.BulkCancel(cancelled, requested);
    }

    @Override
    public synchronized long countJobs(JobQuery query, long cap) {
        return Math.min(cap, findJobs(query.withLimit(JobQuery.MAX_LIMIT)).items().size());
    }

    @Override
    public synchronized boolean makeDue(long jobId, Instant now) {
        Job j = jobs.get(jobId);
        if (j == null || j.state() != JobState.SCHEDULED) {
            return false;
        }
        if (j.dueAt().isAfter(now)) {
            jobs.put(jobId, with(j, j.state(), j.attempts(), j.owner(), j.leaseUntil(), j.startedAt(), j.finishedAt(),
                    j.lastOutcome(), j.lastError(), j.cancelRequested(), now));
        }
        return true;
    }

    @Override
    public synchronized boolean hasUnfinishedJobs(String task) {
        return jobs.values().stream().anyMatch(j -> j.task().equals(task) && !j.state().isFinished());
    }

    @Override
    public synchronized TaskDefinition saveTaskDefinition(TaskDefinition definition, Long expectedVersion) {
        TaskDefinition current = definitions.get(definition.name());
        long stored = current == null ? 0 : current.version();
        if (expectedVersion != null && expectedVersion != stored) {
            throw new io.hourglass.ConflictException("task '" + definition.name() + "' is at version " + stored
                    + ", not " + expectedVersion);
        }
        TaskDefinition saved = definition.saved(stored + 1, definition.updatedAt());
        definitions.put(saved.name(), saved);
        return saved;
    }

    @Override public synchronized boolean deleteTaskDefinition(String name) { return definitions.remove(name) != null; }
    @Override public synchronized Optional<TaskDefinition> findTaskDefinition(String name) { return Optional.ofNullable(definitions.get(name)); }
    @Override public synchronized List<TaskDefinition> findTaskDefinitions() { return List.copyOf(definitions.values()); }

    @Override public Optional<Instant> lastSuccess(String dedupKey) { return Optional.empty(); }

    @Override public io.hourglass.store.FeedStore feeds() {
        throw new UnsupportedOperationException("the in-memory test store keeps no feeds");
    }

    @Override
    public synchronized long countScheduled(String queue) {
        return jobs.values().stream().filter(j -> j.state() == JobState.SCHEDULED && j.queue().equals(queue)).count();
    }

    @Override
    public synchronized Map<String, Map<JobState, Long>> countJobsByQueueAndState() {
        Map<String, Map<JobState, Long>> counts = new TreeMap<>();
        for (Job job : jobs.values()) {
            counts.computeIfAbsent(job.queue(), q -> new java.util.EnumMap<>(JobState.class))
                    .merge(job.state(), 1L, Long::sum);
        }
        return counts;
    }

    @Override
    public synchronized Map<String, Map<JobState, Long>> countJobsByQueueAndState(Set<JobState> states) {
        Map<String, Map<JobState, Long>> counts = new TreeMap<>();
        countJobsByQueueAndState().forEach((queue, byState) -> byState.forEach((state, n) -> {
            if (states.contains(state)) {
                counts.computeIfAbsent(queue, q -> new java.util.EnumMap<>(JobState.class)).put(state, n);
            }
        }));
        return counts;
    }

    @Override
    public synchronized FinishedCounts countFinishedSince(Instant since, int cap) {
        List<Job> recent = jobs.values().stream()
                .filter(job -> job.state().isFinished() && job.finishedAt() != null && !job.finishedAt().isBefore(since))
                .sorted(java.util.Comparator.comparing(Job::finishedAt).reversed()).limit(cap).toList();
        Map<JobState, Long> byState = new java.util.EnumMap<>(JobState.class);
        recent.forEach(job -> byState.merge(job.state(), 1L, Long::sum));
        return new FinishedCounts(since, byState, recent.size() >= cap,
                recent.isEmpty() ? null : recent.get(recent.size() - 1).finishedAt());
    }

    @Override
    public synchronized List<OutcomeCount> countAttempts(Instant from, Instant to, Duration bucket) {
        long size = bucket.getSeconds();
        Map<Instant, Map<Outcome, Long>> counts = new TreeMap<>();
        for (List<Attempt> ofJob : attempts.values()) {
            for (Attempt attempt : ofJob) {
                Instant end = attempt.finishedAt();
                if (end.isBefore(from) || !end.isBefore(to)) {
                    continue;
                }
                Instant start = Instant.ofEpochSecond(Math.floorDiv(end.getEpochSecond(), size) * size);
                counts.computeIfAbsent(start, b -> new TreeMap<>()).merge(attempt.outcome(), 1L, Long::sum);
            }
        }
        List<OutcomeCount> result = new ArrayList<>();
        counts.forEach((start, byOutcome) -> byOutcome.forEach((outcome, n) ->
                result.add(new OutcomeCount(start, outcome, n))));
        return result;
    }

    @Override
    public synchronized JobActivity readJobActivity() {
        long newest = jobs.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        List<Job> running = jobs.values().stream().filter(j -> j.state() == JobState.RUNNING).toList();
        Instant started = running.stream().map(Job::startedAt).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        Instant finished = jobs.values().stream().map(Job::finishedAt).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        Instant attemptEnd = attempts.values().stream().flatMap(List::stream).map(Attempt::finishedAt)
                .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
        return new JobActivity(newest, running.size(), started, finished, attemptEnd);
    }

    @Override
    public synchronized List<Job> claim(String owner, Instant now, Instant dueBy, Instant leaseUntil, int limit,
                                        Collection<String> tasks, String queue) {
        claims.incrementAndGet();
        beforeClaim.run();
        List<Job> due = claimable(tasks, queue).filter(j -> !j.dueAt().isAfter(limited(j.queue()) ? now : dueBy))
                .filter(j -> j.expiresAt() == null || (j.expiresAt().isAfter(now) && j.expiresAt().isAfter(j.dueAt())))
                .sorted(Comparator.comparingInt(Job::priority).reversed().thenComparing(Job::dueAt)).toList();
        List<Job> claimed = new ArrayList<>();
        for (Job j : due) {
            if (claimed.size() == limit) {
                break;
            }
            QueueConfig config = queues.get(j.queue());
            if (limited(j.queue()) && running(j.queue()) >= queues.get(j.queue()).concurrency()) {
                continue;
            }
            Job c = with(j, JobState.RUNNING, j.attempts() + 1, owner, leaseUntil, now, null, j.lastOutcome(),
                    j.lastError(), false, j.dueAt());
            jobs.put(c.id(), c);
            leases.put(c.id(), Duration.between(now, leaseUntil));
            claimed.add(c);
        }
        claimedJobs.addAndGet(claimed.size());
        return claimed;
    }

    private boolean limited(String queue) {
        QueueConfig config = queues.get(queue);
        return config != null && config.concurrency() != null;
    }

    private long running(String queue) {
        return jobs.values().stream().filter(j -> j.state() == JobState.RUNNING && j.queue().equals(queue)).count();
    }

    private java.util.stream.Stream<Job> claimable(Collection<String> tasks, String queue) {
        return jobs.values().stream().filter(j -> j.state() == JobState.SCHEDULED)
                .filter(j -> tasks == null || tasks.contains(j.task()))
                .filter(j -> queue == null || queue.equals(j.queue()))
                .filter(j -> queues.get(j.queue()) == null || !queues.get(j.queue()).paused());
    }

    @Override
    public synchronized Optional<Instant> nextDueAt(Collection<String> tasks) {
        return claimable(tasks, null).map(Job::dueAt).min(Comparator.naturalOrder());
    }

    @Override
    public synchronized boolean[] complete(List<Completion> completions) {
        boolean[] accepted = new boolean[completions.size()];
        for (int i = 0; i < completions.size(); i++) {
            Completion c = completions.get(i);
            Job j = jobs.get(c.jobId());
            if (j == null || j.state() != JobState.RUNNING || !c.owner().equals(j.owner()) || j.attempts() != c.attempt()) {
                continue;
            }
            accepted[i] = true;
            attempts.computeIfAbsent(j.id(), id -> new ArrayList<>()).add(new Attempt(j.id(), c.attempt(), c.owner(),
                    c.startedAt(), c.finishedAt(), c.outcome(), c.error(), c.output(), c.outputTruncated(),
                    c.reportedOutcome(), c.outcomeRule()));
            JobState state = c.retryAt() != null ? JobState.SCHEDULED : switch (c.outcome()) {
                case SUCCEEDED -> JobState.SUCCEEDED;
                case CANCELLED -> JobState.CANCELLED;
                default -> JobState.FAILED;
            };
            jobs.put(j.id(), with(j, state, j.attempts(), null, null, j.startedAt(),
                    state.isFinished() ? c.finishedAt() : null, c.outcome(), c.error(), false,
                    c.retryAt() != null ? c.retryAt() : j.dueAt()));
        }
        return accepted;
    }

    @Override
    public synchronized Set<Long> heartbeat(Incarnation node, Collection<String> tasks, Instant now,
                                            Instant leaseUntil) {
        String owner = node.owner();
        Node previous = nodes.get(node.name());
        boolean same = previous != null && owner.equals(previous.incarnation());
        nodes.put(node.name(), new Node(node.name(), owner, same ? previous.startedAt() : now, now,
                Set.copyOf(tasks)));
        Set<Long> cancel = new HashSet<>();
        for (Job j : List.copyOf(jobs.values())) {
            if (j.state() == JobState.RUNNING && owner.equals(j.owner())) {
                jobs.put(j.id(), with(j, j.state(), j.attempts(), owner, leaseUntil, j.startedAt(), null,
                        j.lastOutcome(), j.lastError(), j.cancelRequested(), j.dueAt()));
                if (j.cancelRequested()) {
                    cancel.add(j.id());
                }
            }
        }
        return cancel;
    }

    @Override
    public synchronized Optional<LeaseRenewal> renewLease(long jobId, String owner, int attempt, Instant now,
                                                          Duration lease) {
        Job j = jobs.get(jobId);
        if (j == null || j.state() != JobState.RUNNING || !owner.equals(j.owner()) || j.attempts() != attempt) {
            return Optional.empty();
        }
        Duration renewBy = lease != null ? lease : leases.get(jobId);
        leases.put(jobId, renewBy);
        Instant leaseUntil = now.plus(renewBy);
        jobs.put(jobId, with(j, j.state(), j.attempts(), owner, leaseUntil, j.startedAt(), null, j.lastOutcome(),
                j.lastError(), j.cancelRequested(), j.dueAt()));
        return Optional.of(new LeaseRenewal(leaseUntil, renewBy, j.cancelRequested()));
    }

    @Override
    public synchronized void recordWorkerSeen(String worker, String queue, Instant now) {
        Map<String, Instant> seen = workersSeen.computeIfAbsent(worker, w -> new TreeMap<>());
        if (queue != null) {
            seen.merge(queue, now, (a, b) -> a.isAfter(b) ? a : b);
        } else {
            seen.replaceAll((q, at) -> at.isAfter(now) ? at : now);
        }
    }

    @Override
    public synchronized List<RemoteWorker> findWorkers(Instant seenSince) {
        List<RemoteWorker> found = new ArrayList<>();
        workersSeen.forEach((name, seen) -> {
            java.util.TreeSet<String> queues = new java.util.TreeSet<>();
            seen.forEach((queue, at) -> {
                if (!at.isBefore(seenSince)) {
                    queues.add(queue);
                }
            });
            List<Job> held = jobs.values().stream()
                    .filter(j -> j.state() == JobState.RUNNING && name.equals(j.owner())).toList();
            held.forEach(j -> queues.add(j.queue()));
            if (!queues.isEmpty() && !seen.isEmpty()) {
                found.add(new RemoteWorker(name, java.util.Collections.max(seen.values()), List.copyOf(queues),
                        held.size()));
            }
        });
        return found;
    }

    @Override
    public synchronized int forgetWorkersSeenBefore(Instant cutoff) {
        int before = workersSeen.values().stream().mapToInt(Map::size).sum();
        workersSeen.values().forEach(seen -> seen.values().removeIf(at -> at.isBefore(cutoff)));
        workersSeen.values().removeIf(Map::isEmpty);
        return before - workersSeen.values().stream().mapToInt(Map::size).sum();
    }

    @Override
    public synchronized List<Job> findExpiredLeases(Instant now, int limit) {
        return jobs.values().stream().filter(j -> j.state() == JobState.RUNNING && j.leaseUntil().isBefore(now))
                .limit(limit).toList();
    }

    @Override public synchronized List<Node> findNodes() { return List.copyOf(nodes.values()); }
    @Override
    public synchronized void removeNode(Incarnation node) {
        nodes.computeIfPresent(node.name(), (name, n) -> node.owner().equals(n.incarnation()) ? null : n);
    }

    @Override
    public synchronized List<Job> findRunningOfPreviousIncarnations(Incarnation current, int limit) {
        return jobs.values().stream().filter(j -> j.state() == JobState.RUNNING && current.isPrevious(j.owner()))
                .limit(limit).toList();
    }
    @Override
    public synchronized int deleteFinishedBefore(Instant cutoff, int limit) {
        List<Long> old = jobs.values().stream()
                .filter(j -> j.state().isFinished() && j.finishedAt() != null && j.finishedAt().isBefore(cutoff))
                .map(Job::id).limit(limit).toList();
        old.forEach(id -> {
            jobs.remove(id);
            attempts.remove(id);
        });
        return old.size();
    }

    @Override
    public synchronized int expireJobs(Instant now, int limit) {
        List<Job> expired = jobs.values().stream().filter(j -> j.state() == JobState.SCHEDULED
                && j.expiresAt() != null && !j.expiresAt().isAfter(now)).limit(limit).toList();
        expired.forEach(j -> jobs.put(j.id(), with(j, JobState.EXPIRED, j.attempts(), null, null, j.startedAt(), now,
                j.lastOutcome(), "expired", false, j.dueAt())));
        return expired.size();
    }

    @Override
    public synchronized void insertSchedule(Schedule schedule, ScheduleChange change) {
        if (schedules.putIfAbsent(schedule.name(), schedule) != null) {
            throw new ConflictException("schedule '" + schedule.name() + "' already exists");
        }
        recordScheduleChange(change);
    }

    @Override
    public synchronized boolean updateSchedule(Schedule schedule, ScheduleChange change) {
        boolean updated = schedules.replace(schedule.name(), schedule) != null;
        if (updated) {
            recordScheduleChange(change);
        }
        return updated;
    }

    @Override
    public synchronized boolean deleteSchedule(String name, ScheduleChange change) {
        boolean deleted = schedules.remove(name) != null;
        if (deleted) {
            recordScheduleChange(change);
        }
        return deleted;
    }

    @Override
    public synchronized void recordScheduleChange(ScheduleChange c) {
        scheduleChanges.add(new ScheduleChange(scheduleChanges.size() + 1, c.scheduleName(), c.changedAt(), c.actor(),
                c.action(), c.before(), c.after()));
    }

    @Override
    public synchronized List<ScheduleChange> scheduleChanges(String name, int limit) {
        List<ScheduleChange> found = new ArrayList<>(scheduleChanges.stream()
                .filter(c -> c.scheduleName().equals(name)).toList());
        Collections.reverse(found);
        return List.copyOf(found.subList(0, Math.min(limit, found.size())));
    }

    @Override
    public synchronized int deleteScheduleChangesBefore(Instant cutoff, int limit) {
        List<ScheduleChange> old = scheduleChanges.stream().filter(c -> c.changedAt().isBefore(cutoff)).limit(limit)
                .toList();
        scheduleChanges.removeAll(old);
        return old.size();
    }
    @Override public synchronized Optional<Schedule> findSchedule(String name) { return Optional.ofNullable(schedules.get(name)); }
    @Override public synchronized List<Schedule> findSchedules() { return List.copyOf(schedules.values()); }

    @Override
    public synchronized int fireDueSchedules(Instant now, int limit, Function<Schedule, FirePlan> planner) {
        int fired = 0;
        for (Schedule s : List.copyOf(schedules.values())) {
            if (fired == limit || !s.enabled() || s.nextFireAt() == null || s.nextFireAt().isAfter(now)) {
                continue;
            }
            FirePlan plan = planner.apply(s);
            insertJobs(plan.jobs());
            Instant last = plan.jobs().isEmpty() ? s.lastFireAt() : plan.jobs().get(plan.jobs().size() - 1).fireAt();
            schedules.put(s.name(), s.withRunState(plan.nextFireAt(), last, s.runCount() + plan.jobs().size(),
                    s.createdAt(), now));
            fired++;
        }
        return fired;
    }

    @Override
    public synchronized Optional<Instant> nextFireAt() {
        return schedules.values().stream().filter(Schedule::enabled).map(Schedule::nextFireAt)
                .filter(java.util.Objects::nonNull).min(Comparator.naturalOrder());
    }

    @Override public synchronized void saveQueue(QueueConfig config) { queues.put(config.name(), config); }
    @Override public synchronized Optional<QueueConfig> findQueue(String name) { return Optional.ofNullable(queues.get(name)); }
    @Override public synchronized List<QueueConfig> findQueues() { return List.copyOf(queues.values()); }

    private static Job with(Job j, JobState state, int attemptCount, String owner, Instant leaseUntil,
                            Instant startedAt, Instant finishedAt, Outcome lastOutcome, String lastError,
                            boolean cancelRequested, Instant dueAt) {
        return new Job(j.id(), j.task(), j.queue(), j.priority(), j.args(), j.kwargs(), j.dedupKey(), state, dueAt,
                j.createdAt(), attemptCount, j.maxAttempts(), j.timeout(), owner, leaseUntil, startedAt, finishedAt,
                lastOutcome, lastError, cancelRequested, j.scheduleName(), j.fireAt(), j.expiresAt(), j.cell());
    }
}
