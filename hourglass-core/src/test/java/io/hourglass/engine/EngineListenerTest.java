package io.hourglass.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The events a node reports to its {@link EngineListener}s, with their values, on an in-memory store. */
class EngineListenerTest {
    /** Generous: events recorded on the node's threads can be late on a loaded machine. */
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final InMemoryStore store = new InMemoryStore();
    private final Recorder recorder = new Recorder();
    private Hourglass node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.stop(Duration.ofSeconds(1));
        }
    }

    private Hourglass start(EngineListener first, Task... tasks) {
        node = Hourglass.builder().store(store).nodeName("listened").pollInterval(Duration.ofMillis(100))
                .leaseDuration(Duration.ofMillis(400)).listener(first).listener(recorder).tasks(tasks).build();
        node.start();
        return node;
    }

    @Test
    void enqueueClaimAndEndOfLocalAttemptsAreReportedPerQueue() {
        start(new EngineListener() { }, Task.of("work", ctx -> { }));
        Instant dueHourAgo = Instant.now().minus(Duration.ofHours(1));
        long early = node.enqueue(JobRequest.of("work").queue("mail").at(dueHourAgo).build()).jobId();
        long now = node.enqueue(JobRequest.of("work").queue("mail").build()).jobId();
        await().atMost(WAIT).until(() -> recorder.ended.size() == 2);

        assertThat(recorder.enqueued).containsExactly("mail:1", "mail:1");
        assertThat(recorder.claimed.stream().mapToInt(c -> Integer.parseInt(c.substring("mail:".length()))).sum())
                .isEqualTo(2);
        assertThat(recorder.ended).allSatisfy(ended -> {
            assertThat(ended.task()).isEqualTo("work");
            assertThat(ended.queue()).isEqualTo("mail");
            assertThat(ended.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(ended.runDuration().isNegative()).isFalse();
        });
        Job earlyJob = node.job(early).orElseThrow();
        Job nowJob = node.job(now).orElseThrow();
        assertThat(recorder.ended).extracting(Ended::startLatency).contains(
                Duration.between(dueHourAgo, node.attempts(early).get(0).startedAt()),
                Duration.between(nowJob.dueAt(), node.attempts(now).get(0).startedAt()));
        assertThat(earlyJob.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(recorder.expired).isEmpty();
        assertThat(recorder.refused).isEmpty();
    }

    @Test
    void failingAndThrowingListenersDoNotStopTheEngineOrTheOtherListeners() {
        EngineListener broken = new EngineListener() {
            @Override
            public void jobsEnqueued(String queue, int count) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void attemptEnded(String task, String queue, Outcome outcome, Duration startLatency,
                    Duration runDuration) {
                throw new IllegalStateException("listener bug");
            }
        };
        start(broken, Task.of("fail", ctx -> {
            throw new IllegalArgumentException("bad input");
        }));
        long id = node.enqueue(JobRequest.of("fail").maxAttempts(1).build()).jobId();
        await().atMost(WAIT).until(() -> node.job(id).orElseThrow().state() == JobState.FAILED);
        await().atMost(WAIT).until(() -> recorder.ended.size() == 1);
        assertThat(recorder.enqueued).containsExactly("default:1");
        assertThat(recorder.ended.get(0).outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void lostRemoteLeaseIsReportedAsExpiryAndTheLateCompletionAsRefused() {
        start(new EngineListener() { });
        long id = node.enqueue(JobRequest.of("remote-task").allowUnknownTask(true).queue("far").build()).jobId();
        List<Job> popped = node.remoteWorkers().pop("far", 5, "worker-1", Duration.ofSeconds(1));
        assertThat(popped).extracting(Job::id).containsExactly(id);
        assertThat(recorder.claimed).containsExactly("far:1");

        // the reaper reports the expiry, then the ended attempt, on its own thread: wait for both
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(recorder.expired).containsExactly("remote-task:far");
            assertThat(recorder.ended).singleElement().satisfies(ended -> {
                assertThat(ended.outcome()).isEqualTo(Outcome.INFRA_ERROR);
                assertThat(ended.queue()).isEqualTo("far");
            });
        });
        assertThat(node.remoteWorkers().complete(id, "worker-1", 1, Outcome.SUCCEEDED, null, "late")).isEmpty();
        assertThat(recorder.refused).containsExactly("remote-task:far:" + id + ":succeeded");
    }

    @Test
    void acceptedRemoteCompletionIsReportedAsAnEndedAttempt() {
        start(new EngineListener() { });
        long id = node.enqueue(JobRequest.of("remote-task").allowUnknownTask(true).queue("far").build()).jobId();
        node.remoteWorkers().pop("far", 1, "worker-2", Duration.ofSeconds(30));
        assertThat(node.remoteWorkers().complete(id, "worker-2", 1, Outcome.SUCCEEDED, null, "ok"))
                .contains(Outcome.SUCCEEDED);
        assertThat(recorder.ended).singleElement().satisfies(ended -> {
            assertThat(ended.task()).isEqualTo("remote-task");
            assertThat(ended.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(ended.startLatency().isNegative()).isFalse();
        });
    }

    record Ended(String task, String queue, Outcome outcome, Duration startLatency, Duration runDuration) {
    }

    static final class Recorder implements EngineListener {
        final List<String> enqueued = new CopyOnWriteArrayList<>();
        final List<String> claimed = new CopyOnWriteArrayList<>();
        final List<Ended> ended = new CopyOnWriteArrayList<>();
        final List<String> expired = new CopyOnWriteArrayList<>();
        final List<String> refused = new CopyOnWriteArrayList<>();

        @Override
        public void jobsEnqueued(String queue, int count) {
            enqueued.add(queue + ":" + count);
        }

        @Override
        public void jobsClaimed(String queue, int count) {
            claimed.add(queue + ":" + count);
        }

        @Override
        public void attemptEnded(String task, String queue, Outcome outcome, Duration startLatency,
                Duration runDuration) {
            ended.add(new Ended(task, queue, outcome, startLatency, runDuration));
        }

        @Override
        public void leaseExpired(String task, String queue) {
            expired.add(task + ":" + queue);
        }

        @Override
        public void completionRefused(String task, String queue, long jobId, Outcome outcome) {
            refused.add(task + ":" + queue + ":" + jobId + ":" + outcome.wireName());
        }
    }
}
