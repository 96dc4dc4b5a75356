package io.hourglass.examples.utilityaccounts;

import io.hourglass.Hourglass;
import io.hourglass.InvalidRequestException;
import io.hourglass.celery.CeleryExecutor;
import io.hourglass.celery.CelerySettings;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scraper app: every few minutes, fetch the accounts and schedule a scrape for each one.
 *
 * <pre>
 * java -jar utility-accounts.jar https://accounts.example.com/api [minutes between fetches, default 5]
 * </pre>
 *
 * <p>The scrapes run in this JVM, or on Celery workers when the environment names a broker and a result backend
 * (see {@link CeleryMode}). The embedded H2 database is under {@value #DATA_DIR_NAME}.
 */
public final class UtilityAccountsApp {
    static final String DATA_DIR_NAME = "data/utility-accounts";
    private static final Path DATA_DIR = Path.of(DATA_DIR_NAME);
    private static final Logger log = LoggerFactory.getLogger(UtilityAccountsApp.class);

    private final AccountFeed feed;
    private final UtilityAccountScheduler scheduler;

    public UtilityAccountsApp(AccountFeed feed, UtilityAccountScheduler scheduler) {
        this.feed = feed;
        this.scheduler = scheduler;
    }

    /** A node on this store that runs the scrape tasks with this scraper. */
    public static Hourglass hourglass(Store store, AccountScraper scraper) {
        return hourglass(store, ScrapeTasks.all(scraper));
    }

    /** A node on this store that runs these scrape tasks, e.g. {@link ScrapeTasks#celery(CeleryExecutor)}. */
    public static Hourglass hourglass(Store store, List<Task> scrapeTasks) {
        return Hourglass.builder().store(store).tasks(scrapeTasks).build();
    }

    /** Fetches the accounts once and schedules them; a failed fetch or a bad list is logged and retried next time. */
    public void pollOnce() {
        try {
            List<Map<String, Object>> accounts = feed.fetch();
            scheduler.schedule(accounts);
            log.info("scheduled scrapes for {} accounts from {}", accounts.size(), feed.uri());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("could not schedule accounts from {}: {}", feed.uri(), e.toString());
        }
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: UtilityAccountsApp <accounts API base URL> [minutes between fetches]");
            System.exit(2);
        }
        Duration every = Duration.ofMinutes(args.length == 2 ? Long.parseLong(args[1]) : 5);
        Optional<CelerySettings> celerySettings;
        try {
            celerySettings = CeleryMode.fromEnv(System.getenv());
        } catch (InvalidRequestException e) {
            System.err.println("bad Celery configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        CeleryExecutor celery = celerySettings.map(CeleryExecutor::create).orElse(null);
        List<Task> scrapeTasks = celery != null
                ? ScrapeTasks.celery(celery)
                : ScrapeTasks.all(ScrapeTasks.loggingScraper());
        log.info("scrapes run {}", celery != null ? "on celery workers: " + celery.settings() : "in this JVM");
        Store store = JdbcStore.embedded(DATA_DIR); // not ./data, where `./hourglass server` keeps its database
        Hourglass hourglass = hourglass(store, scrapeTasks);
        hourglass.start();
        UtilityAccountsApp app = new UtilityAccountsApp(new AccountFeed(args[0]), new UtilityAccountScheduler(hourglass));
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "account-feed"));
        poller.scheduleWithFixedDelay(app::pollOnce, 0, every.toSeconds(), TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            poller.shutdownNow();
            hourglass.close();
            store.close();
            if (celery != null) {
                celery.close();
            }
        }, "shutdown"));
    }
}
