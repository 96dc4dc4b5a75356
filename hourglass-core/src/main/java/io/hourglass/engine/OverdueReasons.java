package io.hourglass.engine;

import io.hourglass.job.Job;
import io.hourglass.job.JobState;
import io.hourglass.job.OverdueJob;
import io.hourglass.job.OverdueJob.Reason;
import io.hourglass.queue.QueueConfig;
import io.hourglass.store.Node;
import io.hourglass.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Says why each overdue job waits, so a job nobody will run does not wait in silence. The facts come from the
 * store in three reads per call, whatever the number of jobs: the queues' settings, the running jobs per queue
 * (only when a queue of these jobs has a concurrency limit), and the nodes with the tasks each ran at its last
 * heartbeat. A node counts as live when it beat within one lease (this node's lease duration): after that its
 * jobs are reaped anyway. Remote workers are not in the nodes table; a job only they run reads
 * {@code no_node_runs_task}, and the text says a worker popping its queue can still take it.
 */
final class OverdueReasons {
    private final EngineConfig config;
    private final Store store;

    OverdueReasons(EngineConfig config) {
        this.config = config;
        this.store = config.store();
    }

    List<OverdueJob> explain(List<Job> overdue, Instant now) {
        if (overdue.isEmpty()) {
            return List.of();
        }
        Map<String, QueueConfig> queues = new HashMap<>();
        store.findQueues().forEach(queue -> queues.put(queue.name(), queue));
        boolean anyLimit = overdue.stream().map(job -> queues.get(job.queue()))
                .anyMatch(queue -> queue != null && queue.concurrency() != null);
        Map<String, Map<JobState, Long>> counts = anyLimit
                ? store.countJobsByQueueAndState(java.util.EnumSet.of(JobState.RUNNING)) : Map.of();
        Set<String> liveTasks = new HashSet<>();
        Instant liveSince = now.minus(config.leaseDuration());
        for (Node node : store.findNodes()) {
            if (!node.lastHeartbeatAt().isBefore(liveSince)) {
                liveTasks.addAll(node.tasks());
            }
        }
        List<OverdueJob> explained = new ArrayList<>(overdue.size());
        for (Job job : overdue) {
            explained.add(explain(job, queues.get(job.queue()), counts, liveTasks));
        }
        return explained;
    }

    private static OverdueJob explain(Job job, QueueConfig queue, Map<String, Map<JobState, Long>> counts,
                                      Set<String> liveTasks) {
        if (queue != null && queue.paused()) {
            return new OverdueJob(job, Reason.QUEUE_PAUSED, "queue '" + job.queue() + "' is paused");
        }
        if (!liveTasks.contains(job.task())) {
            return new OverdueJob(job, Reason.NO_NODE_RUNS_TASK, "no live node runs task '" + job.task()
                    + "' (in code or built from its definition); a remote worker popping queue '" + job.queue()
                    + "' can still take it");
        }
        if (queue != null && queue.concurrency() != null) {
            long running = counts.getOrDefault(job.queue(), Map.of()).getOrDefault(JobState.RUNNING, 0L);
            if (running >= queue.concurrency()) {
                return new OverdueJob(job, Reason.QUEUE_AT_LIMIT, "queue '" + job.queue() + "' runs " + running
                        + " jobs, its concurrency limit is " + queue.concurrency());
            }
        }
        return new OverdueJob(job, Reason.JUST_DUE, "due and waiting for a free worker on a node that runs task '"
                + job.task() + "'");
    }
}
