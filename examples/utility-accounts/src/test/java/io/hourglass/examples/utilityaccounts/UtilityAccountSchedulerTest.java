package io.hourglass.examples.utilityaccounts;

import static io.hourglass.examples.utilityaccounts.Accounts.account;
import static io.hourglass.examples.utilityaccounts.Accounts.newAccount;
import static io.hourglass.examples.utilityaccounts.Accounts.scrapedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.Hourglass;
import io.hourglass.InvalidRequestException;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduling function against a real store: a fresh H2 database per test, no engine running. */
class UtilityAccountSchedulerTest {

    @TempDir
    Path directory;

    private Store store;
    private Hourglass hourglass;
    private UtilityAccountScheduler scheduler;

    @BeforeEach
    void freshStore() {
        store = JdbcStore.embedded(directory);
        store.migrate();
        hourglass = UtilityAccountsApp.hourglass(store, (utility, account) -> {
            throw new AssertionError("no job runs in these tests");
        });
        scheduler = new UtilityAccountScheduler(hourglass);
    }

    @AfterEach
    void closeStore() {
        hourglass.close();
        store.close();
    }

    @Test
    void emptyListSchedulesNothing() {
        scheduler.schedule(List.of());

        assertThat(jobs()).isEmpty();
    }

    @Test
    void newConEdisonAccountGetsOneConEdisonScrape() {
        Map<String, Object> account = newAccount(1, "coned");

        scheduler.schedule(List.of(account));

        assertThat(jobs()).singleElement().satisfies(job -> assertScrape(job, "scrape-coned", account));
    }

    @Test
    void newNationalGridAccountGetsOneNationalGridScrape() {
        Map<String, Object> account = newAccount(2, "ngrid");

        scheduler.schedule(List.of(account));

        assertThat(jobs()).singleElement().satisfies(job -> assertScrape(job, "scrape-ngrid", account));
    }

    @Test
    void previouslyScrapedConEdisonAccountGetsOneScrape() {
        Map<String, Object> account = scrapedAccount(3, "coned");

        scheduler.schedule(List.of(account));

        assertThat(jobs()).singleElement().satisfies(job -> assertScrape(job, "scrape-coned", account));
    }

    @Test
    void previouslyScrapedNationalGridAccountGetsOneScrape() {
        Map<String, Object> account = scrapedAccount(4, "ngrid");

        scheduler.schedule(List.of(account));

        assertThat(jobs()).singleElement().satisfies(job -> assertScrape(job, "scrape-ngrid", account));
    }

    @Test
    void accountWithAPendingScrapeGetsNoSecondOne() {
        Map<String, Object> account = newAccount(5, "coned");
        EnqueueResult existing = hourglass.enqueue(JobRequest.of("scrape-coned").kwargs(account)
                .dedupKey("account:5").build());

        scheduler.schedule(List.of(account));

        assertThat(jobs()).singleElement().satisfies(job -> {
            assertThat(job.id()).isEqualTo(existing.jobId());
            assertScrape(job, "scrape-coned", account);
        });
    }

    @Test
    void fiveAccountsGetFiveScrapes() {
        List<Map<String, Object>> accounts = List.of(newAccount(10, "coned"), newAccount(11, "ngrid"),
                scrapedAccount(12, "coned"), scrapedAccount(13, "ngrid"), newAccount(14, "ngrid"));

        scheduler.schedule(accounts);

        List<Job> jobs = jobs();
        assertThat(jobs).hasSize(5);
        for (int i = 0; i < 5; i++) {
            Map<String, Object> account = accounts.get(i);
            assertScrape(jobs.get(i), "scrape-" + account.get("utility"), account);
        }
    }

    @Test
    void nullListIsRejected() {
        assertThatThrownBy(() -> scheduler.schedule(null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("accounts"));
        assertThat(jobs()).isEmpty();
    }

    @Test
    void nullAccountIsRejectedNamingItsIndexAndNothingIsScheduled() {
        List<Map<String, Object>> accounts = Arrays.asList(newAccount(20, "coned"), null);

        assertRejected(accounts, "accounts[1]", "account 1 is null");
    }

    @Test
    void accountWithoutIdIsRejectedNamingTheFieldAndNothingIsScheduled() {
        Map<String, Object> noId = newAccount(21, "ngrid");
        noId.remove("id");

        assertRejected(List.of(newAccount(20, "coned"), noId), "accounts[1].id", "account 1 has no 'id'");
        assertRejected(List.of(newAccount(20, "coned"), account(" ", "coned", null)), "accounts[1].id",
                "account 1 has no 'id'");
    }

    @Test
    void accountWithoutUtilityIsRejectedNamingTheAccountAndNothingIsScheduled() {
        assertRejected(List.of(newAccount(20, "coned"), account(22, null, null)), "accounts[1].utility",
                "account 1 (id 22): 'utility' is missing");
    }

    @Test
    void accountWithUnknownUtilityIsRejectedNamingTheAccountAndNothingIsScheduled() {
        assertRejected(List.of(newAccount(20, "coned"), newAccount(21, "ngrid"), newAccount(23, "pge")),
                "accounts[2].utility", "account 2 (id 23): unknown 'utility' 'pge', expected one of [coned, ngrid]");
    }

    private void assertRejected(List<Map<String, Object>> accounts, String field, String message) {
        assertThatThrownBy(() -> scheduler.schedule(accounts))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
        assertThat(jobs()).as("jobs after a rejected call").isEmpty();
    }

    /** Every job, oldest first. */
    private List<Job> jobs() {
        List<Job> jobs = new ArrayList<>(hourglass.jobs(JobQuery.all().withLimit(JobQuery.MAX_LIMIT)).items());
        jobs.sort(Comparator.comparingLong(Job::id));
        return jobs;
    }

    static void assertScrape(Job job, String task, Map<String, Object> account) {
        assertThat(job.task()).isEqualTo(task);
        assertThat(job.kwargs()).isEqualTo(account);
        assertThat(job.dedupKey()).isEqualTo("account:" + account.get("id"));
        assertThat(job.queue()).isEqualTo(ScrapeTasks.QUEUE);
        assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
    }
}
