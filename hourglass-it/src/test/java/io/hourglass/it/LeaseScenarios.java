package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.Incarnation;
import io.hourglass.store.Node;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Jobs that must never get stuck: a node restarted under its name takes back what its dead process held, at
 * once and fenced, and a job whose owner died keeps its place in its queue.
 */
abstract class LeaseScenarios extends ClaimAheadScenarios {
    /** Far longer than any wait here: what these tests see is never the lease running out. */
    private static final Duration LONG_LEASE = Duration.ofMinutes(10);

    @Test
    void restartUnderSameNameRerunsTheDeadProcesssJobAndRefusesItsStaleCompletion() throws Exception {
        String name = unique("restarting-node");
        String task = unique("crash-work");
        CountDownLatch firstRunStarted = new CountDownLatch(1);
        CountDownLatch firstRunMayEnd = new CountDownLatch(1);
        PartitionableStore deadProcessLink = new PartitionableStore(store);
        Hourglass dead = node(b -> b.store(deadProcessLink).nodeName(name).workerThreads(1).prefetch(0)
                .leaseDuration(LONG_LEASE).task(Task.of(task, ctx -> {
                    firstRunStarted.countDown();
                    firstRunMayEnd.await();
                })));
        dead.start();
        Incarnation deadIncarnation = dead.incarnation().orElseThrow();
        long id = dead.enqueue(JobRequest.of(task).build()).jobId();
        await().atMost(WAIT).until(() -> firstRunStarted.getCount() == 0);
        Instant deadStartedAt = nodeNamed(dead, name).startedAt();
        deadProcessLink.cutHeartbeats(true); // the process is gone: it never beats again

        Hourglass restarted = started(b -> b.nodeName(name).workerThreads(1).leaseDuration(LONG_LEASE)
                .task(Task.of(task, ctx -> { })));

        Job job = awaitState(restarted, id, JobState.SUCCEEDED);
        Incarnation now = restarted.incarnation().orElseThrow();
        assertThat(now.name()).isEqualTo(deadIncarnation.name());
        assertThat(now.owner()).isNotEqualTo(deadIncarnation.owner());
        List<Attempt> attempts = restarted.attempts(id);
        assertThat(attempts).extracting(Attempt::outcome).containsExactly(Outcome.INFRA_ERROR, Outcome.SUCCEEDED);
        assertThat(attempts.get(0).owner()).isEqualTo(deadIncarnation.owner());
        assertThat(attempts.get(0).error()).contains("released: previous incarnation", deadIncarnation.owner());
        assertThat(attempts.get(1).owner()).isEqualTo(now.owner());
        assertThat(job.attempts()).isEqualTo(2);
        Node node = nodeNamed(restarted, name);
        assertThat(node.incarnation()).isEqualTo(now.owner());
        assertThat(node.startedAt()).isAfterOrEqualTo(deadStartedAt);
        assertThat(node.tasks()).containsExactly(task);

        firstRunMayEnd.countDown(); // the dead process's attempt ends late: its completion must not count

        await().atMost(WAIT).until(() -> !deadProcessLink.refusedCompletions().isEmpty());
        assertThat(deadProcessLink.refusedCompletions()).singleElement().satisfies(refused -> {
            assertThat(refused.jobId()).isEqualTo(id);
            assertThat(refused.owner()).isEqualTo(deadIncarnation.owner());
        });
        assertThat(restarted.job(id).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(restarted.attempts(id)).hasSize(2);
    }

    @Test
    void restartUnderSameNameLeavesRemoteWorkersAndOtherNodesJobsAlone() {
        String name = unique("node");
        String task = unique("held");
        Hourglass client = node(b -> b.workerThreads(0));
        List<Long> ids = IntStream.range(0, 2)
                .mapToObj(i -> client.enqueue(JobRequest.of(task).allowUnknownTask(true).build()).jobId()).toList();
        Instant now = Instant.now();
        store.claim(name, now, now.plus(LONG_LEASE), 1, Set.of(task), null); // a remote worker named like the node
        store.claim(name + "x#0000beef", now, now.plus(LONG_LEASE), 1, Set.of(task), null);

        Hourglass restarted = started(b -> b.nodeName(name).workerThreads(0));

        await().atMost(WAIT).until(() -> restarted.nodes().stream().anyMatch(n -> n.name().equals(name)));
        assertThat(ids).allSatisfy(id -> assertThat(restarted.job(id).orElseThrow().state())
                .isEqualTo(JobState.RUNNING));
    }

    @Test
    void reapedJobKeepsItsDueTimeAndPriorityAndIsClaimedBeforeYoungerJobs() {
        String task = unique("reaped");
        RetryPolicy slowBackoff = RetryPolicy.DEFAULT.withDelays(Duration.ofHours(1), 2.0, Duration.ofHours(2));
        Hourglass client = node(b -> b.workerThreads(0).task(Task.builder(task).retryPolicy(slowBackoff)
                .handler(ctx -> { }).build()));
        long old = client.enqueue(JobRequest.of(task).priority(3).build()).jobId();
        Job held = store.claim("dead-node#0000dead", Instant.now(), Instant.now().minusSeconds(1), 1, Set.of(task),
                null).get(0);
        assertThat(held.id()).isEqualTo(old);
        List<Long> younger = IntStream.range(0, 3)
                .mapToObj(i -> client.enqueue(JobRequest.of(task).priority(3).build()).jobId()).toList();

        client.start(); // its lease reaper takes the dead owner's job over

        Job reaped = await().atMost(WAIT).until(() -> client.job(old).orElseThrow(),
                job -> job.state() == JobState.SCHEDULED);
        assertThat(reaped.lastOutcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(reaped.dueAt()).isEqualTo(held.dueAt());
        assertThat(reaped.priority()).isEqualTo(3);
        List<Job> next = store.claim("healthy#0000cafe", Instant.now(), Instant.now().plus(LONG_LEASE), 1,
                Set.of(task), null);
        assertThat(next).extracting(Job::id).containsExactly(old);
        assertThat(younger).allSatisfy(id -> assertThat(client.job(id).orElseThrow().state())
                .isEqualTo(JobState.SCHEDULED));
    }

    @Test
    void jobOfALostOwnerThatWasAskedToCancelEndsCancelledInsteadOfRetried() {
        String task = unique("cancel-me");
        Hourglass client = node(b -> b.workerThreads(0).task(Task.of(task, ctx -> { })));
        long id = client.enqueue(JobRequest.of(task).build()).jobId();
        store.claim("dead-node#0000dead", Instant.now(), Instant.now().minusSeconds(1), 1, Set.of(task), null);
        assertThat(client.cancel(id)).isEqualTo(io.hourglass.job.CancelResult.CANCELLATION_REQUESTED);

        client.start();

        Job job = awaitState(client, id, JobState.CANCELLED);
        assertThat(job.lastOutcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(client.attempts(id)).singleElement().satisfies(attempt -> {
            assertThat(attempt.owner()).isEqualTo("dead-node#0000dead");
            assertThat(attempt.error()).contains("lease expired", "cancellation was requested");
        });
    }

    private static Node nodeNamed(Hourglass node, String name) {
        return node.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }
}
