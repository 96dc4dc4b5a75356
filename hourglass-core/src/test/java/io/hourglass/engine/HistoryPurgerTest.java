package io.hourglass.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.NewJob;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HistoryPurgerTest {
    private final InMemoryStore store = new InMemoryStore();

    private EngineConfig configAt(Instant now) {
        return new EngineConfig(store, Clock.fixed(now, ZoneOffset.UTC), "purger", 0, Map.of(), Map.of(), io.hourglass.executor.Secrets.NONE, 1,
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(60), 100,
                Duration.ofDays(30), 10, 0, Duration.ZERO, List.of(), null);
    }

    private void finishJobs(int count, Instant finishedAt) {
        JobFactory factory = new JobFactory(CodeTasks.registry(Map.of()), store);
        List<NewJob> jobs = IntStream.range(0, count)
                .mapToObj(i -> factory.fromRequest(JobRequest.of("t").build(), finishedAt)).toList();
        store.insertJobs(jobs);
        store.claim("n", finishedAt, finishedAt.plusSeconds(30), count, null, null).forEach(job -> store.complete(
                List.of(new RetryDecision(CodeTasks.registry(Map.of()), () -> 0.5).completion(job, "n",
                        io.hourglass.executor.ExecutionResult.succeeded(), finishedAt, finishedAt, new OutputBuffer(10)))));
    }

    @Test
    void deletesOnlyFinishedJobsOlderThanRetentionInBatches() {
        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        finishJobs(HistoryPurger.BATCH * 2 + 7, old);
        finishJobs(3, old.plus(Duration.ofDays(20)));

        int deleted = new HistoryPurger(configAt(old.plus(Duration.ofDays(31)))).purge();

        assertThat(deleted).isEqualTo(HistoryPurger.BATCH * 2 + 7);
        assertThat(store.findJobs(io.hourglass.job.JobQuery.all().withLimit(1000)).items())
                .hasSize(3).allMatch(job -> job.state() == JobState.SUCCEEDED);
    }
}
