package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.InvalidRequestException;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.queue.RankerSpec;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.TaskDefinition;
import io.hourglass.testing.ManualClock;
import io.hourglass.worker.LeaseRenewal;
import io.hourglass.worker.RemoteWorker;
import io.hourglass.worker.RemoteWorkers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Workers outside the JVM pull, heartbeat and complete jobs; a worker that lost its lease is refused. Their task,
 * scan-host, is known to no node (only the workers run it), so its jobs are enqueued with allowUnknownTask.
 */
abstract class RemoteWorkerScenarios extends EngineTestSupport {
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void workerPopsHeartbeatsAndCompletesJob() {
        String queue = unique("remote");
        Hourglass client = node(b -> b.workerThreads(0).maxOutputChars(8));
        long id = client.enqueue(JobRequest.of("scan-host").allowUnknownTask(true).queue(queue).kwargs(java.util.Map.of("host", "a"))
                .build()).jobId();
        RemoteWorkers workers = client.remoteWorkers();

        List<Job> popped = workers.pop(queue, 10, "worker-1", LEASE);

        assertThat(popped).singleElement().satisfies(job -> {
            assertThat(job.id()).isEqualTo(id);
            assertThat(job.owner()).isEqualTo("worker-1");
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.kwargs()).containsEntry("host", "a");
        });
        assertThat(workers.pop(queue, 10, "worker-2", LEASE)).isEmpty();
        assertThat(workers.heartbeat(id, "worker-1", 1, LEASE)).isPresent();
        assertThat(workers.complete(id, "worker-1", 1, Outcome.SUCCEEDED, null, "0123456789"))
                .contains(Outcome.SUCCEEDED);

        assertThat(client.job(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(client.attempts(id)).singleElement().satisfies(attempt -> {
            assertThat(attempt.owner()).isEqualTo("worker-1");
            assertThat(attempt.output()).isEqualTo("01234567");
            assertThat(attempt.outputTruncated()).isTrue();
        });
    }

    @Test
    void workerInfraErrorIsRetriedByDefaultPolicy() {
        String queue = unique("remote");
        Hourglass client = node(b -> b.workerThreads(0));
        long id = client.enqueue(JobRequest.of("scan-host").allowUnknownTask(true).queue(queue).build()).jobId();
        RemoteWorkers workers = client.remoteWorkers();
        workers.pop(queue, 1, "worker-1", LEASE);

        assertThat(workers.complete(id, "worker-1", 1, Outcome.INFRA_ERROR, "no route to host", null))
                .contains(Outcome.INFRA_ERROR);

        Job job = client.job(id).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(job.lastOutcome()).isEqualTo(Outcome.INFRA_ERROR);
    }

    @Test
    void popLimitMustBeBetweenOneAndOneHundred() {
        RemoteWorkers workers = node(b -> b.workerThreads(0)).remoteWorkers();
        assertThatThrownBy(() -> workers.pop("q", 0, "w", LEASE))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("limit"));
        assertThatThrownBy(() -> workers.pop("q", 101, "w", LEASE)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void lateCompletionAfterLeaseWasTakenOverIsRefused() {
        ManualClock clock = ManualClock.atEpochDay();
        String queue = unique("remote");
        Hourglass node = started(b -> b.workerThreads(0).clock(clock).leaseDuration(Duration.ofSeconds(2)));
        long id = node.enqueue(JobRequest.of("scan-host").allowUnknownTask(true).queue(queue).build()).jobId();
        RemoteWorkers workers = node.remoteWorkers();
        assertThat(workers.pop(queue, 1, "slow-worker", Duration.ofSeconds(5))).hasSize(1);

        clock.advance(Duration.ofSeconds(6)); // the lease ran out; the node's lease reaper takes the job back
        await().atMost(WAIT).until(() -> node.job(id).orElseThrow().state() == JobState.SCHEDULED);
        clock.advance(Duration.ofMinutes(1)); // past the retry backoff
        List<Job> retaken = workers.pop(queue, 1, "fresh-worker", Duration.ofSeconds(5));

        assertThat(retaken).singleElement().satisfies(job -> assertThat(job.attempts()).isEqualTo(2));
        assertThat(workers.heartbeat(id, "slow-worker", 1, Duration.ofSeconds(5))).isEmpty();
        assertThat(workers.complete(id, "slow-worker", 1, Outcome.SUCCEEDED, null, "late")).isEmpty();
        assertThat(workers.complete(id, "slow-worker", 1, Outcome.INFRA_ERROR, "crashed", null)).isEmpty();
        assertThat(workers.complete(id, "fresh-worker", 2, Outcome.SUCCEEDED, null, "fresh")).isPresent();
        List<Attempt> attempts = node.attempts(id);
        assertThat(attempts).extracting(Attempt::owner).containsExactly("slow-worker", "fresh-worker");
        assertThat(attempts.get(0).outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(attempts.get(0).error()).contains("lease expired", "slow-worker");
        assertThat(attempts.get(1).output()).isEqualTo("fresh");
    }

    @Test
    void heartbeatWithoutALeaseOnAnotherNodeKeepsTheLeaseOfThePop() {
        ManualClock clock = ManualClock.atEpochDay();
        String queue = unique("remote");
        Hourglass first = node(b -> b.workerThreads(0).clock(clock).nodeName(unique("first")));
        Hourglass second = node(b -> b.workerThreads(0).clock(clock).nodeName(unique("second")));
        long id = first.enqueue(JobRequest.of("scan-host").allowUnknownTask(true).queue(queue).build()).jobId();
        first.remoteWorkers().pop(queue, 1, "worker-1", Duration.ofHours(1));

        clock.advance(Duration.ofMinutes(30));
        LeaseRenewal renewed = second.remoteWorkers().heartbeat(id, "worker-1", 1, null).orElseThrow();

        assertThat(renewed.lease()).isEqualTo(Duration.ofHours(1));
        assertThat(renewed.leaseUntil()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(second.job(id).orElseThrow().leaseUntil()).isEqualTo(renewed.leaseUntil());
    }

    @Test
    void remoteTaskDefinedOnOneNodeGivesItsRulesToWorkersOfAnother() {
        String queue = unique("remote");
        String task = unique("remote-scan");
        Hourglass definer = node(b -> b.workerThreads(0));
        definer.defineTask(TaskDefinition.of(task, TaskDefinition.REMOTE, null).withQueue(queue)
                .withRanker(RankerSpec.fixed(7)).withRetryPolicy(RetryPolicy.NONE)
                .withTimeout(Duration.ofMinutes(3)), null);
        Hourglass other = node(b -> b.workerThreads(0));

        long id = other.enqueue(JobRequest.of(task).build()).jobId();
        Job popped = other.remoteWorkers().pop(queue, 1, "worker-1", LEASE).get(0);

        assertThat(popped.id()).isEqualTo(id);
        assertThat(popped.priority()).isEqualTo(7);
        assertThat(popped.timeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(other.remoteWorkers().complete(id, "worker-1", 1, Outcome.INFRA_ERROR, "no route", null))
                .contains(Outcome.INFRA_ERROR);
        assertThat(other.job(id).orElseThrow().state()).isEqualTo(JobState.FAILED); // RetryPolicy.NONE
    }

    @Test
    void remoteTaskIsNeverClaimedByANodeThatRunsWork() {
        String queue = unique("remote");
        String task = unique("remote-only");
        String local = unique("local");
        Hourglass node = started(b -> b.workerThreads(2).task(io.hourglass.task.Task.of(local, ctx -> { })));
        node.defineTask(TaskDefinition.of(task, TaskDefinition.REMOTE, null).withQueue(queue), null);
        long remote = node.enqueue(JobRequest.of(task).priority(9).build()).jobId();
        long ran = node.enqueue(JobRequest.of(local).queue(queue).priority(1).build()).jobId();

        // claims go best first: had the node been able to claim the remote job, it would have taken it first
        awaitState(node, ran, JobState.SUCCEEDED);
        assertThat(node.job(remote).orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        assertThat(node.tasks()).extracting(io.hourglass.task.Task::name).doesNotContain(task);
        assertThat(node.remoteWorkers().pop(queue, 1, "worker-1", LEASE)).extracting(Job::id)
                .containsExactly(remote);
    }

    @Test
    void workersSeenThroughOneNodeAreListedByAnother() {
        ManualClock clock = ManualClock.atEpochDay();
        String queue = unique("remote");
        String worker = unique("worker");
        Hourglass first = node(b -> b.workerThreads(0).clock(clock));
        Hourglass second = node(b -> b.workerThreads(0).clock(clock));
        first.enqueue(JobRequest.of("scan-host").allowUnknownTask(true).queue(queue).build());
        first.remoteWorkers().pop(queue, 1, worker, LEASE);

        assertThat(second.remoteWorkers().workers()).filteredOn(w -> w.name().equals(worker))
                .containsExactly(new RemoteWorker(worker, clock.instant(), List.of(queue), 1));
    }
}
