package io.hourglass.examples.utilityaccounts;

import io.hourglass.task.Task;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The task definitions: one scrape task per utility, all on the "scrape" queue, each with a timeout. */
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
     * A scraper that only logs what it would scrape: the real scrapers (a browser session per utility) are out of
     * this example's scope. The password never reaches the log.
     */
    public static AccountScraper loggingScraper() {
        return (utility, account) -> log.info("scraping {} account {} (user {}, last scraped {})",
                utility.code(), account.get("id"), account.get("username"), account.get("last_scraped_at"));
    }
}
