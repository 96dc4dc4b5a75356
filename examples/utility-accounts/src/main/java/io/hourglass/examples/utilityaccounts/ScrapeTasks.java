package io.hourglass.examples.utilityaccounts;

import io.hourglass.InvalidRequestException;
import io.hourglass.celery.CeleryExecutor;
import io.hourglass.task.Task;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task definitions: one scrape task per utility, all on the "scrape" queue, each with a timeout. They run
 * either in this JVM ({@link #all(AccountScraper)}) or on Python Celery workers ({@link #celery(CeleryExecutor)}).
 */
public final class ScrapeTasks {
    private static final Logger log = LoggerFactory.getLogger(ScrapeTasks.class);

    public static final String QUEUE = "scrape";
    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    private ScrapeTasks() {
    }

    /** {@code scrape-coned} and {@code scrape-ngrid}, each handing the job's kwargs (the account) to the scraper. */
    public static List<Task> all(AccountScraper scraper) {
        return Arrays.stream(Utility.values())
                .map(utility -> Task.builder(utility.task())
                        .handler(context -> scraper.scrape(utility, context.kwargs()))
                        .queue(QUEUE)
                        .timeout(TIMEOUT)
                        .build())
                .toList();
    }

    /**
     * {@code scrape-coned} and {@code scrape-ngrid} run on Celery workers: each job is published as the Celery task
     * of the same name with the account as kwargs, and succeeds with the task's return value as its output. The
     * executor's {@code celeryTask} must be unset, so that each Hourglass task keeps its own Celery task name.
     *
     * @param celery the executor for the workers' broker and result backend; the caller closes it
     */
    public static List<Task> celery(CeleryExecutor celery) {
        InvalidRequestException.require(celery.settings().celeryTask() == null, "celeryTask",
                "the scrape tasks use their own names as Celery task names (scrape-coned, scrape-ngrid); leave "
                        + "celeryTask unset, was '" + celery.settings().celeryTask() + "'");
        return Arrays.stream(Utility.values())
                .map(utility -> Task.builder(utility.task())
                        .executor(celery)
                        .queue(QUEUE)
                        .timeout(TIMEOUT)
                        .build())
                .toList();
    }

    /**
     * A scraper that only logs what it would scrape: the real scrapers (a browser session per utility) are out of
     * this example's scope. The password never reaches the log.
     */
    public static AccountScraper loggingScraper() {
        return (utility, account) -> log.info("scraping {} account {} (user {}, last scraped {})",
                utility.code(), account.get("id"), account.get("username"), account.get("last_scraped_at"));
    }
}
