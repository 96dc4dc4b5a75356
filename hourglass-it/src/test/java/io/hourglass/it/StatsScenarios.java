package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.Stats;
import io.hourglass.attempt.Outcome;
import io.hourglass.engine.EngineListener;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.OutcomeCount;
import io.hourglass.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Engine events reach listeners and the store's counts agree with them, on a real database. */
abstract class StatsScenarios extends EngineTestSupport {

    @Test
    void listenerEventsAndStoreCountsAgreeAfterJobsRun() {
        String queue = unique("stats");
        Map<String, AtomicInteger> events = new ConcurrentHashMap<>();
        EngineListener counting = new EngineListener() {
            @Override
            public void jobsEnqueued(String q, int count) {
                events.computeIfAbsent("enqueued:" + q, k -> new AtomicInteger()).addAndGet(count);
            }

            @Override
            public void jobsClaimed(String q, int count) {
                events.computeIfAbsent("claimed:" + q, k -> new AtomicInteger()).addAndGet(count);
            }

            @Override
            public void attemptEnded(String task, String q, Outcome outcome, Duration startLatency,
                    Duration runDuration) {
                events.computeIfAbsent(outcome.wireName() + ":" + q, k -> new AtomicInteger()).incrementAndGet();
            }
        };
        Instant before = Instant.now();
        Hourglass node = started(b -> b.listener(counting).task(Task.builder("maybe-fail").queue(queue)
                .handler(ctx -> {
                    if (ctx.kwargs().containsKey("fail")) {
                        throw new IllegalStateException("asked to fail");
                    }
                }).build()));
        node.enqueue(JobRequest.of("maybe-fail").build());
        node.enqueue(JobRequest.of("maybe-fail").build());
        node.enqueue(JobRequest.of("maybe-fail").maxAttempts(1).kwargs(Map.of("fail", true)).build());

        await().atMost(WAIT).until(() -> events.getOrDefault("succeeded:" + queue, new AtomicInteger()).get() == 2
                && events.getOrDefault("failed:" + queue, new AtomicInteger()).get() == 1);
        assertThat(events.get("enqueued:" + queue)).hasValue(3);
        assertThat(events.get("claimed:" + queue)).hasValue(3);
        assertThat(node.jobCountsByQueue(EnumSet.allOf(JobState.class)).get(queue))
                .containsOnly(entry(JobState.SUCCEEDED, 2L), entry(JobState.FAILED, 1L));

        Stats stats = node.stats(before.minusSeconds(60), Instant.now().plusSeconds(60), Duration.ofMinutes(1));
        assertThat(stats.jobsByState()).containsEntry(JobState.SUCCEEDED, 2L).containsEntry(JobState.FAILED, 1L)
                .containsEntry(JobState.RUNNING, 0L);
        assertThat(stats.attempts().stream().filter(c -> c.outcome() == Outcome.SUCCEEDED)
                .mapToLong(OutcomeCount::count).sum()).isEqualTo(2);
        assertThat(stats.attempts().stream().filter(c -> c.outcome() == Outcome.FAILED)
                .mapToLong(OutcomeCount::count).sum()).isEqualTo(1);
    }
}
