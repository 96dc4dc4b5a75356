package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.schedule.Matrix;
import io.hourglass.schedule.Schedule;
import io.hourglass.task.OutcomeRules;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Story 4 end to end through a node and a real store: a matrix schedule creates one job per combination, outcome
 * rules reclassify a Java handler's attempts before retries are decided, and jobs nobody started in time expire.
 */
abstract class MatrixScenarios extends EngineTestSupport {
    private static final Matrix PARTNERS_BY_BROWSER = Matrix.fromMap(Map.of(
            "partner", List.of("acme", "globex"), "browser", List.of("chrome", "firefox"),
            "exclude", List.of(Map.of("partner", "globex", "browser", "firefox"))));

    private List<Job> jobsOf(Hourglass node, String schedule) {
        return node.jobs(JobQuery.all().withScheduleName(schedule).withLimit(1000)).items();
    }

    @Test
    void eachFireOfAMatrixScheduleRunsOneJobPerCombinationWithItMergedIntoTheKwargs() {
        String task = unique("login-check");
        Set<Map<String, Object>> ran = ConcurrentHashMap.newKeySet();
        Hourglass node = started(b -> b.task(Task.of(task, ctx -> ran.add(Map.copyOf(ctx.kwargs())))));
        String name = unique("logins");

        node.createSchedule(Schedule.builder(name).task(task).every(Duration.ofMillis(300))
                .kwargs(Map.of("env", "prod", "browser", "ie6"))
                .matrix(PARTNERS_BY_BROWSER).build());

        await().atMost(WAIT).until(() -> ran.size() == 3);
        assertThat(ran).containsExactlyInAnyOrder(
                Map.of("env", "prod", "partner", "acme", "browser", "chrome"),
                Map.of("env", "prod", "partner", "acme", "browser", "firefox"),
                Map.of("env", "prod", "partner", "globex", "browser", "chrome"));
        node.disableSchedule(name);
        Map<Instant, Long> cellsPerFire = jobsOf(node, name).stream()
                .collect(Collectors.groupingBy(Job::fireAt, Collectors.counting()));
        assertThat(cellsPerFire.values()).allMatch(n -> n == 3);
        assertThat(node.schedule(name).orElseThrow().runCount()).isEqualTo(3L * cellsPerFire.size());
    }

    @Test
    void anOutcomeRuleMakesASucceededAttemptWhoseOutputMatchesAnInfraErrorThatIsRetried() {
        String task = unique("flaky-browser");
        Map<Long, Integer> runs = new ConcurrentHashMap<>();
        RetryPolicy fast = RetryPolicy.DEFAULT.withDelays(Duration.ofMillis(10), 2.0, Duration.ofMillis(50));
        Hourglass node = started(b -> b.task(Task.builder(task).retryPolicy(fast)
                .outcomeRules(OutcomeRules.fromList(List.of(Map.of("match",
                        Map.of("output", "SessionNotCreated|native thread"), "then", "infra_error"))))
                .handler(ctx -> {
                    if (runs.merge(ctx.jobId(), 1, Integer::sum) == 1) {
                        ctx.appendOutput("org.openqa.selenium.SessionNotCreatedException: no chrome");
                    }
                }).build()));

        long id = node.enqueue(JobRequest.of(task).build()).jobId();

        awaitState(node, id, JobState.SUCCEEDED);
        List<Attempt> attempts = node.attempts(id);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(attempts.get(0).reportedOutcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(attempts.get(0).outcomeRule()).isZero();
        assertThat(attempts.get(0).error()).isEqualTo("reported succeeded; outcomeRules[0] made it infra_error");
        assertThat(attempts.get(1).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(attempts.get(1).reportedOutcome()).isNull();
    }

    @Test
    void anOutcomeRuleOnTheErrorTurnsAFailureIntoAnotherOutcome() {
        String task = unique("real-failure");
        Hourglass node = started(b -> b.task(Task.builder(task)
                .outcomeRules(OutcomeRules.fromList(List.of(Map.of("match",
                        Map.of("outcome", "failed", "error", "login (refused|rejected)"), "then", "timed_out"))))
                .handler(ctx -> {
                    throw new IllegalStateException("login rejected by partner");
                }).build()));

        long id = node.enqueue(JobRequest.of(task).build()).jobId();

        Job failed = awaitState(node, id, JobState.FAILED);
        assertThat(failed.lastOutcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(node.attempts(id)).singleElement().satisfies(a -> {
            assertThat(a.reportedOutcome()).isEqualTo(Outcome.FAILED);
            assertThat(a.error()).contains("login rejected by partner");
        });
    }

    @Test
    void aJobNotStartedWithinItsExpiryEndsExpiredAndIsCounted() {
        String task = unique("stale");
        String queue = unique("paused");
        Map<Long, Integer> ran = new ConcurrentHashMap<>();
        Hourglass node = started(b -> b.task(Task.builder(task).queue(queue).handler(ctx -> ran.put(ctx.jobId(), 1))
                .expiresAfter(Duration.ofMillis(300)).build()));
        node.pauseQueue(queue);
        long byTask = node.enqueue(JobRequest.of(task).build()).jobId();
        long byJob = node.enqueue(JobRequest.of(task).expiresAfter(Duration.ofMillis(200)).build()).jobId();

        Job expired = awaitState(node, byTask, JobState.EXPIRED);
        awaitState(node, byJob, JobState.EXPIRED);
        node.resumeQueue(queue);

        assertThat(expired.lastError()).startsWith("expired: not started");
        assertThat(expired.expiresAt()).isEqualTo(expired.dueAt().plusMillis(300));
        Job ownExpiry = node.job(byJob).orElseThrow();
        assertThat(ownExpiry.expiresAt()).isEqualTo(ownExpiry.dueAt().plusMillis(200));
        Job copy = node.retry(byJob).job(); // a retry of an expired job expires as long after its own due time
        assertThat(Duration.between(copy.dueAt(), copy.expiresAt())).isEqualTo(Duration.ofMillis(200));
        assertThat(node.attempts(byTask)).isEmpty();
        long later = node.enqueue(JobRequest.of(task).build()).jobId();
        awaitState(node, later, JobState.SUCCEEDED);
        assertThat(ran).containsKey(later).doesNotContainKeys(byTask, byJob);
        assertThat(node.stats(Instant.now().minusSeconds(60), Instant.now(), Duration.ofMinutes(1)).jobsByState()
                .get(JobState.EXPIRED)).isGreaterThanOrEqualTo(2L);
    }

    @Test
    void aMatrixCellWhoseJobExpiredGetsANewJobAtTheNextFire() {
        String task = unique("check");
        String queue = unique("held");
        Hourglass node = started(b -> b.task(Task.builder(task).queue(queue).handler(ctx -> { }).build()));
        node.pauseQueue(queue);
        String name = unique("expiring-grid");

        node.createSchedule(Schedule.builder(name).task(task).every(Duration.ofMillis(400)).skipIfPending(true)
                .expiresAfter(Duration.ofMillis(100)).matrix(Matrix.fromMap(Map.of("partner", List.of("acme", "globex"))))
                .build());

        await().atMost(WAIT).until(() -> jobsOf(node, name).stream().filter(j -> j.state() == JobState.EXPIRED)
                .map(Job::fireAt).distinct().count() >= 2);
        Map<Instant, Long> cellsPerFire = jobsOf(node, name).stream()
                .collect(Collectors.groupingBy(Job::fireAt, Collectors.counting()));
        assertThat(cellsPerFire.values()).allMatch(n -> n == 2);
        assertThat(jobsOf(node, name)).allMatch(j -> j.state() == JobState.EXPIRED || j.state() == JobState.SCHEDULED);
    }
}
