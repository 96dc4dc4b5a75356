package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The notifier on its own, with a sender that records what it is asked to send: due times handed in while a send
 * is under way coalesce into the earliest, a later due time than one told that is still ahead is not sent, a
 * failed send does not stop the ones after it, and closing sends what is still to tell. (That other nodes hear of
 * enqueued jobs through it is {@code PostgresStoreTest}'s.)
 */
class PgNotifierTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = T0.minusSeconds(3600);

    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Test
    void dueTimesHandedInDuringASendAreToldAsTheirEarliestInTheNextOne() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (PgNotifier notifier = new PgNotifier(payload -> {
            sent.add(payload);
            if (sent.size() == 1) {
                sending.countDown();
                GroupCommitTest.awaitLatch(release);
            }
        })) {
            notifier.jobsCommitted(T0.plusSeconds(60), NOW);
            assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();
            notifier.jobsCommitted(T0.plusSeconds(10), NOW);
            notifier.jobsCommitted(T0.plusSeconds(5), NOW);
            notifier.jobsCommitted(T0.plusSeconds(7), NOW);
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 2);
        }
        assertThat(sent).containsExactly(ChangePayload.jobs(T0.plusSeconds(60)), ChangePayload.jobs(T0.plusSeconds(5)));
    }

    @Test
    void jobsDueNoEarlierThanATimeToldThatIsStillAheadAreNotToldAgain() {
        try (PgNotifier notifier = new PgNotifier(sent::add)) {
            notifier.jobsCommitted(T0.plusSeconds(60), T0);
            await().atMost(Duration.ofSeconds(30)).until(() -> T0.plusSeconds(60).equals(notifier.told()));
            notifier.jobsCommitted(T0.plusSeconds(90), T0); // the nodes read the database at T0+60 anyway
            notifier.jobsCommitted(T0.plusSeconds(30), T0); // earlier than told: they must hear of it
            await().atMost(Duration.ofSeconds(30)).until(() -> T0.plusSeconds(30).equals(notifier.told()));
            // T0+30 told, but it is now within the margin of the enqueuing node's clock: told again
            notifier.jobsCommitted(T0.plusSeconds(90), T0.plusSeconds(30).minus(PgNotifier.TOLD_AHEAD));
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 3);
        }
        assertThat(sent).containsExactly(ChangePayload.jobs(T0.plusSeconds(60)), ChangePayload.jobs(T0.plusSeconds(30)),
                ChangePayload.jobs(T0.plusSeconds(90)));
    }

    @Test
    void aFailedSendIsDroppedAndTheNextOneGoesOut() {
        try (PgNotifier notifier = new PgNotifier(payload -> {
            sent.add(payload);
            if (sent.size() == 1) {
                throw new SQLException("connection refused");
            }
        })) {
            notifier.jobsCommitted(T0, NOW);
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 1);
            notifier.jobsCommitted(T0.plusSeconds(1), NOW);
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 2);
        }
        assertThat(sent).containsExactly(ChangePayload.jobs(T0), ChangePayload.jobs(T0.plusSeconds(1)));
    }

    @Test
    void closingSendsWhatIsStillToTell() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PgNotifier notifier = new PgNotifier(payload -> {
            sent.add(payload);
            if (sent.size() == 1) {
                sending.countDown();
                GroupCommitTest.awaitLatch(release);
            }
        });
        notifier.jobsCommitted(T0, NOW);
        assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();
        notifier.jobsCommitted(T0.plusSeconds(3), NOW);
        Thread closing = new Thread(notifier::close);
        closing.start();
        release.countDown();
        closing.join(TimeUnit.SECONDS.toMillis(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 2);
        assertThat(sent).containsExactly(ChangePayload.jobs(T0), ChangePayload.jobs(T0.plusSeconds(3)));
    }
}
