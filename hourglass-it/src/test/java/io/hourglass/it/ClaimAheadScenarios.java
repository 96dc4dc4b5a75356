package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.task.Task;
import io.hourglass.testing.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Jobs claimed ahead of their due time ({@code claimAhead}) on a clock that moves only when a test moves it: the
 * job is this node's, running under its lease, before it is due, yet its handler starts only once the clock
 * reaches the due time; a cancel or a stop in between never runs it early. Run by the lease scenarios
 * ({@link LeaseScenarios} extends this), on H2 and PostgreSQL.
 */
abstract class ClaimAheadScenarios extends EngineTestSupport {
    private static final Duration AHEAD = Duration.ofSeconds(2);
    private static final Duration LEAD = Duration.ofSeconds(1);

    private final ManualClock clock = new ManualClock(Clock.systemUTC().instant());
    private final Set<Long> ran = ConcurrentHashMap.newKeySet();

    private Hourglass startedNode(String task) {
        return started(b -> b.clock(clock).claimAhead(AHEAD).leaseDuration(Duration.ofMinutes(10))
                .task(Task.of(task, ctx -> ran.add(ctx.jobId()))));
    }

    private long enqueueDueIn(Hourglass node, String task, Duration lead) {
        return node.enqueue(JobRequest.of(task).at(clock.instant().plus(lead)).build()).jobId();
    }

    /** A job on a started node, due in {@link #LEAD}, once the node claimed it ahead (running, as it shows). */
    private record Held(Hourglass node, String task, long id, Job running) {
    }

    private Held heldAhead(String taskPrefix) {
        String task = unique(taskPrefix);
        Hourglass node = startedNode(task);
        long id = enqueueDueIn(node, task, LEAD);
        return new Held(node, task, id, awaitState(node, id, JobState.RUNNING));
    }

    @Test
    void jobClaimedAheadIsHeldUnderLeaseAndStartsWhenTheClockReachesItsDueTime() {
        Held ahead = heldAhead("ahead");
        Hourglass node = ahead.node();
        long id = ahead.id();
        Job held = ahead.running();
        Instant due = held.dueAt();
        assertThat(held.owner()).isEqualTo(node.incarnation().orElseThrow().owner());
        assertThat(held.leaseUntil()).isAfter(due);
        assertThat(ran).doesNotContain(id); // the clock has not moved: not due, not started

        clock.advance(LEAD);

        awaitState(node, id, JobState.SUCCEEDED);
        assertThat(ran).contains(id);
        assertThat(node.attempts(id)).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(attempt.startedAt()).isAfterOrEqualTo(due);
        });
    }

    @Test
    void cancellingAJobHeldAheadEndsItCancelledWithoutRunningIt() {
        Held ahead = heldAhead("ahead-cancel");
        Hourglass node = ahead.node();
        long id = ahead.id();

        node.cancel(id);

        awaitState(node, id, JobState.CANCELLED);
        clock.advance(LEAD);
        long later = enqueueDueIn(node, ahead.task(), Duration.ZERO);
        awaitState(node, later, JobState.SUCCEEDED); // the node started what came due after the cancel...
        assertThat(ran).contains(later).doesNotContain(id); // ...and not the cancelled one
        assertThat(node.attempts(id)).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(Outcome.CANCELLED);
            assertThat(attempt.error()).contains("cancelled before its due time");
        });
    }

    @Test
    void stoppingANodeGivesBackAJobHeldAheadDueAtItsOwnTime() {
        Held ahead = heldAhead("ahead-stop");
        Hourglass node = ahead.node();
        long id = ahead.id();
        Instant due = ahead.running().dueAt();

        node.stop(Duration.ofMillis(100));

        Job released = node.job(id).orElseThrow();
        assertThat(released.state()).isEqualTo(JobState.SCHEDULED);
        assertThat(released.dueAt()).isEqualTo(due);
        assertThat(ran).doesNotContain(id);
        assertThat(node.attempts(id)).singleElement().satisfies(attempt -> {
            assertThat(attempt.outcome()).isEqualTo(Outcome.INFRA_ERROR);
            assertThat(attempt.error()).contains("before the job's due time");
        });
    }
}
