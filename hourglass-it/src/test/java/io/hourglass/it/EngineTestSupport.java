package io.hourglass.it;

import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.HourglassBuilder;
import io.hourglass.job.Job;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One real store per test class (H2 or PostgreSQL, chosen by the subclass), and Hourglass nodes built on it that
 * are stopped after each test. Tests share the store, so each uses its own task, queue and schedule names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineTestSupport {
    static final Duration WAIT = Duration.ofSeconds(20);

    protected Store store;
    private final List<Hourglass> nodes = new ArrayList<>();

    /** Opens (and migrates) the store this class runs on. */
    abstract Store openStore();

    @BeforeAll
    void openStoreOnce() {
        store = openStore();
    }

    /** Removes what {@link #openStore()} created, after the store is closed; nothing by default. */
    void discardStore() {
    }

    @AfterAll
    void closeStore() {
        if (store != null) {
            store.close();
            discardStore();
        }
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(node -> node.stop(Duration.ofSeconds(2)));
        nodes.clear();
    }

    /** A node on this class's store, not started; stopped after the test. */
    protected Hourglass node(Consumer<HourglassBuilder> settings) {
        HourglassBuilder builder = Hourglass.builder().store(store).pollInterval(Duration.ofMillis(250));
        settings.accept(builder);
        Hourglass node = builder.build();
        nodes.add(node);
        return node;
    }

    /** A started node. */
    protected Hourglass started(Consumer<HourglassBuilder> settings) {
        Hourglass node = node(settings);
        node.start();
        return node;
    }

    /** A name no other test in the class uses. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected Job awaitState(Hourglass node, long jobId, JobState state) {
        return await().atMost(WAIT).until(() -> node.job(jobId).orElseThrow(), job -> job.state() == state);
    }
}
