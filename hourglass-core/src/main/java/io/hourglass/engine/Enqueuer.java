package io.hourglass.engine;

import io.hourglass.InvalidRequestException;
import io.hourglass.QueueFullException;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.JobRequest;
import io.hourglass.queue.QueueConfig;
import io.hourglass.store.NewJob;
import io.hourglass.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enqueues jobs: refuses jobs of tasks nothing runs (unless the request allows it, see {@link KnownTasks}),
 * resolves their defaults, enforces queue max sizes, inserts them in one store call. A refusal refuses the whole
 * call: nothing is inserted. The size check counts a queue's scheduled jobs once per call, so it is a guard against
 * runaway producers, not an exact limit under concurrent enqueues from several nodes (that would need a lock per
 * queue, which the design avoids).
 */
final class Enqueuer {
    private final EngineConfig config;
    private final Store store;
    private final JobFactory jobs;

    /**
     * Queue settings are read from the store at most this often per queue, not on every enqueue: a change made on
     * this node is seen at once ({@link #forgetQueueSettings}), one made on another node within this long (sooner
     * where its notification arrives). Max size is a soft limit either way: counting and inserting race.
     */
    static final long QUEUE_SETTINGS_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private record KnownQueue(Optional<QueueConfig> settings, long readAtNanos) {
    }

    private final Map<String, KnownQueue> queueSettings = new java.util.concurrent.ConcurrentHashMap<>();

    private final KnownTasks known;

    Enqueuer(EngineConfig config, JobFactory jobs, KnownTasks known) {
        this.config = config;
        this.store = config.store();
        this.jobs = jobs;
        this.known = known;
    }

    /**
     * The results in request order, the earliest due time among created jobs (null when none was), and how many
     * jobs were created per queue.
     */
    record Outcome(List<EnqueueResult> results, Instant earliestCreatedDue, Map<String, Integer> createdPerQueue) {
    }

    Outcome enqueue(List<JobRequest> requests) {
        InvalidRequestException.require(requests != null, "requests", "must not be null");
        Instant now = config.clock().instant();
        List<NewJob> newJobs = new ArrayList<>(requests.size());
        java.util.Set<String> mustBeKnown = new java.util.LinkedHashSet<>();
        for (JobRequest request : requests) {
            InvalidRequestException.require(request != null, "requests", "must not contain null");
            if (!request.allowUnknownTask()) {
                mustBeKnown.add(request.task());
            }
            newJobs.add(jobs.fromRequest(request, now));
        }
        known.require(mustBeKnown);
        return insert(newJobs);
    }

    /** Inserts jobs already resolved, honouring queue sizes; the same outcome as {@link #enqueue}. */
    Outcome insert(List<NewJob> newJobs) {
        checkQueueSizes(newJobs);
        List<EnqueueResult> results = newJobs.isEmpty() ? List.of() : store.insertJobs(newJobs);
        Instant earliest = null;
        Map<String, Integer> created = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            if (!results.get(i).created()) {
                continue;
            }
            NewJob job = newJobs.get(i);
            created.merge(job.queue(), 1, Integer::sum);
            if (earliest == null || job.dueAt().isBefore(earliest)) {
                earliest = job.dueAt();
            }
        }
        return new Outcome(results, earliest, created);
    }

    /** Drops the remembered queue settings, after a queue was configured here or on another node. */
    void forgetQueueSettings() {
        queueSettings.clear();
    }

    private Optional<QueueConfig> queueSettings(String name) {
        long now = System.nanoTime();
        KnownQueue known = queueSettings.get(name);
        if (known == null || now - known.readAtNanos() > QUEUE_SETTINGS_TTL_NANOS) {
            known = new KnownQueue(store.findQueue(name), now);
            queueSettings.put(name, known);
        }
        return known.settings();
    }

    private void checkQueueSizes(List<NewJob> newJobs) {
        Map<String, Optional<QueueConfig>> configs = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        for (NewJob job : newJobs) {
            QueueConfig queue = configs.computeIfAbsent(job.queue(), this::queueSettings).orElse(null);
            if (queue == null || queue.maxSize() == null) {
                continue;
            }
            long waiting = counts.computeIfAbsent(job.queue(), store::countScheduled);
            boolean bypasses = queue.bypassPriority() != null && job.priority() >= queue.bypassPriority();
            if (!bypasses && waiting >= queue.maxSize()) {
                throw new QueueFullException(queue.name(), queue.maxSize(), config.pollInterval());
            }
            counts.put(job.queue(), waiting + 1);
        }
    }
}
