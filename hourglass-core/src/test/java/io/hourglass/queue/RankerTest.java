package io.hourglass.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RankerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void fixedRankerGivesEveryJobTheSamePriority() {
        Ranker ranker = Ranker.fixed(7);

        assertThat(ranker.rank(input("k", NOW.minusSeconds(3600), Optional::empty))).isEqualTo(7);
        assertThat(ranker.rank(input(null, NOW.plusSeconds(3600), Optional::empty))).isEqualTo(7);
    }

    @Test
    void ageBasedRankerScoresWholeUnitsOfLateness() {
        Ranker ranker = Ranker.ageBased(MINUTE, 100);

        assertThat(ranker.rank(input("k", NOW.minusSeconds(5 * 60 + 59), Optional::empty))).isEqualTo(5);
        assertThat(ranker.rank(input("k", NOW.minusSeconds(30), Optional::empty))).isZero();
    }

    @Test
    void ageBasedRankerGivesZeroToWorkDueNowOrLater() {
        Ranker ranker = Ranker.ageBased(MINUTE, 100);

        assertThat(ranker.rank(input("k", NOW, Optional::empty))).isZero();
        assertThat(ranker.rank(input("k", NOW.plusSeconds(3600), Optional::empty))).isZero();
    }

    @Test
    void ageBasedRankerStopsAtItsCap() {
        assertThat(Ranker.ageBased(MINUTE, 10).rank(input("k", NOW.minusSeconds(86_400), Optional::empty)))
                .isEqualTo(10);
    }

    @Test
    void timeSinceLastSuccessRanksStaleKeysHigher() {
        Ranker ranker = Ranker.timeSinceLastSuccess(MINUTE, 1000);

        assertThat(ranker.rank(input("fresh", NOW, () -> Optional.of(NOW.minusSeconds(120))))).isEqualTo(2);
        assertThat(ranker.rank(input("stale", NOW, () -> Optional.of(NOW.minusSeconds(7200))))).isEqualTo(120);
        assertThat(ranker.rank(input("capped", NOW, () -> Optional.of(NOW.minusSeconds(864_000))))).isEqualTo(1000);
    }

    @Test
    void timeSinceLastSuccessGivesTheCapToKeysThatNeverSucceeded() {
        assertThat(Ranker.timeSinceLastSuccess(MINUTE, 50).rank(input("new", NOW, Optional::empty))).isEqualTo(50);
    }

    @Test
    void timeSinceLastSuccessDoesNotLookUpJobsWithoutDedupKey() {
        Supplier<Optional<Instant>> mustNotBeCalled = () -> {
            throw new AssertionError("looked up the last success of a job without dedup key");
        };

        assertThat(Ranker.timeSinceLastSuccess(MINUTE, 50).rank(input(null, NOW, mustNotBeCalled))).isEqualTo(50);
    }

    @Test
    void badRankerSettingsAreRejectedNamingTheField() {
        assertThatThrownBy(() -> Ranker.ageBased(Duration.ZERO, 10))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("unit"));
        assertThatThrownBy(() -> Ranker.timeSinceLastSuccess(MINUTE, -1))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("cap"));
    }

    private static Ranker.Input input(String dedupKey, Instant dueAt, Supplier<Optional<Instant>> lastSuccess) {
        return new Ranker.Input("scrape", dedupKey, dueAt, NOW, lastSuccess);
    }
}
