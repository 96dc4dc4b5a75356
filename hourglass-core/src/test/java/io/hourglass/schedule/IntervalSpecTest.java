package io.hourglass.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntervalSpecTest {

    private static final Instant ANCHOR = Instant.parse("2026-01-01T10:00:00.250Z");
    private final IntervalSpec everyMinute = new IntervalSpec(Duration.ofMinutes(1));

    @Test
    void firstFireIsTheAnchorWhenAskedBeforeIt() {
        assertThat(everyMinute.nextAfter(ANCHOR.minusSeconds(3600), ANCHOR)).contains(ANCHOR);
    }

    @Test
    void fireTimesAreWholePeriodsFromTheAnchor() {
        assertThat(everyMinute.nextAfter(ANCHOR, ANCHOR)).contains(ANCHOR.plusSeconds(60));
        assertThat(everyMinute.nextAfter(ANCHOR.plusSeconds(61), ANCHOR)).contains(ANCHOR.plusSeconds(120));
        assertThat(everyMinute.nextAfter(ANCHOR.plusSeconds(120).minusNanos(1), ANCHOR))
                .contains(ANCHOR.plusSeconds(120));
    }

    @Test
    void subMillisecondAnchorsAreRespectedExactly() {
        Instant anchor = Instant.parse("2026-01-01T10:00:00.000500Z");

        assertThat(everyMinute.nextAfter(anchor.plusSeconds(60).minusNanos(100_000), anchor))
                .contains(anchor.plusSeconds(60));
        assertThat(everyMinute.lastBefore(anchor.plusSeconds(60).plusNanos(1), anchor))
                .contains(anchor.plusSeconds(60));
    }

    @Test
    void lastBeforeIsStrictlyBeforeAndNeverBeforeTheAnchor() {
        assertThat(everyMinute.lastBefore(ANCHOR.plusSeconds(120), ANCHOR)).contains(ANCHOR.plusSeconds(60));
        assertThat(everyMinute.lastBefore(ANCHOR.plusSeconds(130), ANCHOR)).contains(ANCHOR.plusSeconds(120));
        assertThat(everyMinute.lastBefore(ANCHOR.plusNanos(1), ANCHOR)).contains(ANCHOR);
        assertThat(everyMinute.lastBefore(ANCHOR, ANCHOR)).isEmpty();
    }

    @Test
    void fireTimesFarFromTheAnchorAreComputedDirectly() {
        Instant century = ANCHOR.plus(Duration.ofDays(36_525));

        assertThat(everyMinute.nextAfter(century, ANCHOR)).contains(century.plusSeconds(60));
        assertThat(everyMinute.lastBefore(century, ANCHOR)).contains(century.minusSeconds(60));
    }

    @Test
    void intervalsShorterThanTheMinimumAreRejectedNamingTheField() {
        assertThatThrownBy(() -> new IntervalSpec(Duration.ofMillis(99)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("every"))
                .hasMessageContaining("at least 100 ms");
        assertThatThrownBy(() -> new IntervalSpec(null)).isInstanceOf(InvalidRequestException.class);
    }
}
