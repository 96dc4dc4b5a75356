package io.hourglass.examples.utilityaccounts;

import static io.hourglass.examples.utilityaccounts.Accounts.account;
import static io.hourglass.examples.utilityaccounts.Accounts.newAccount;
import static io.hourglass.examples.utilityaccounts.Accounts.scrapedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.Hourglass;
import io.hourglass.InvalidRequestException;
import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.celery.CeleryExecutor;
import io.hourglass.celery.CelerySettings;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.testsupport.CeleryWorkerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Celery mode on real parts: a Celery worker running {@code src/main/python/scrapers.py} (its own queue, Redis
 * result backend), the Celery executor, the scheduler and a running Hourglass node on an H2 database.
 */
class UtilityAccountsCeleryTest {
    private static final Path WORKER_APP = Path.of("src/main/python");
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    @TempDir
    Path directory;

    private final ObjectMapper json = new ObjectMapper();

    /** A worker record: the Celery task that ran and the kwargs it received. */
    record Received(String task, Map<String, Object> kwargs) {
    }

    @BeforeAll
    static void requireCelery() {
        CeleryWorkerProcess.requireCelery();
    }

    @Test
    void eachAccountsScrapeReachesTheWorkerWithTheAccountsFieldsOverRedis() throws IOException {
        scheduleAccountsAndCheckTheWorkerScrapedThem(CeleryWorkerProcess.REDIS_BROKER, "hourglass-example-redis");
    }

    @Test
    void eachAccountsScrapeReachesTheWorkerWithTheAccountsFieldsOverRabbitMq() throws IOException {
        scheduleAccountsAndCheckTheWorkerScrapedThem(CeleryWorkerProcess.AMQP_BROKER, "hourglass-example-amqp");
    }

    @Test
    void celeryScrapeTasksRefuseOneCeleryTaskNameForBothUtilities() {
        try (CeleryExecutor celery = CeleryExecutor.create(settings(CeleryWorkerProcess.REDIS_BROKER, "unused")
                .celeryTask("scrape").build())) {
            assertThatThrownBy(() -> ScrapeTasks.celery(celery))
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("celeryTask"))
                    .hasMessageContaining("leave celeryTask unset, was 'scrape'");
        }
    }

    private void scheduleAccountsAndCheckTheWorkerScrapedThem(String brokerUrl, String queue) throws IOException {
        List<Map<String, Object>> accounts = accounts();
        try (CeleryWorkerProcess worker = CeleryWorkerProcess.start(WORKER_APP, "scrapers", brokerUrl,
                CeleryWorkerProcess.RESULT_BACKEND, queue);
             CeleryExecutor celery = CeleryExecutor.create(settings(brokerUrl, queue).build());
             JdbcStore store = JdbcStore.embedded(directory.resolve(queue));
             Hourglass hourglass = UtilityAccountsApp.hourglass(store, ScrapeTasks.celery(celery))) {
            hourglass.start();

            new UtilityAccountScheduler(hourglass).schedule(accounts);

            await("every account's scrape received by the worker").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(received(worker)).containsExactlyInAnyOrder(
                            accounts.stream().map(a -> new Received(taskOf(a), a)).toArray(Received[]::new)));
            List<Job> jobs = await("every scrape job finished").atMost(Duration.ofSeconds(60))
                    .until(() -> hourglass.jobs(JobQuery.all()).items(),
                            all -> all.size() == accounts.size() && all.stream().allMatch(j -> j.state().isFinished()));
            assertThat(jobs).allSatisfy(job -> {
                assertThat(job.state()).as("job %s: %s", job.id(), job.lastError()).isEqualTo(JobState.SUCCEEDED);
                assertThat(hourglass.attempts(job.id())).singleElement().satisfies(attempt -> {
                    assertThat(attempt.outcome()).isEqualTo(Outcome.SUCCEEDED);
                    assertThat(parse(attempt)).isEqualTo(summary(job.kwargs()));
                });
            });
            assertThat(jobs).extracting(Job::kwargs).containsExactlyInAnyOrderElementsOf(accounts);
        }
    }

    /** Both utilities, new and previously scraped accounts, a non-ASCII username and a nested field. */
    private static List<Map<String, Object>> accounts() {
        Map<String, Object> withMeter = account(5, "coned", null);
        withMeter.put("username", "zoë.o'brien@example.com");
        withMeter.put("meter", Map.of("number", "M-5", "zones", List.of(1, 2)));
        return List.of(newAccount(1, "coned"), scrapedAccount(2, "ngrid"), newAccount(3, "ngrid"),
                scrapedAccount(4, "coned"), withMeter);
    }

    private static String taskOf(Map<String, Object> account) {
        return Utility.fromCode(account.get("utility")).orElseThrow().task();
    }

    /** What scrapers.py returns for an account. */
    private static Map<String, Object> summary(Map<String, Object> account) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("utility", account.get("utility"));
        summary.put("account_id", account.get("id"));
        summary.put("username", account.get("username"));
        return summary;
    }

    private static CelerySettings.Builder settings(String brokerUrl, String queue) {
        return CelerySettings.builder().brokerUrl(brokerUrl).resultBackendUrl(CeleryWorkerProcess.RESULT_BACKEND)
                .queue(queue);
    }

    private List<Received> received(CeleryWorkerProcess worker) {
        return worker.recorded().stream().map(line -> read(line, Received.class)).toList();
    }

    private Map<String, Object> parse(Attempt attempt) {
        try {
            return json.readValue(attempt.output(), OBJECT);
        } catch (IOException e) {
            throw new UncheckedIOException("attempt output is not a JSON object: " + attempt.output(), e);
        }
    }

    private <T> T read(String line, Class<T> type) {
        try {
            return json.readValue(line, type);
        } catch (IOException e) {
            throw new UncheckedIOException("worker record is not JSON: " + line, e);
        }
    }
}
