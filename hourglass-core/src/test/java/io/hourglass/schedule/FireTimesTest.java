package io.hourglass.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Next fire times and previews: anchoring and the start/end bounds. */
class FireTimesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void intervalAnchorsAtStartAt() {
        Schedule s = everyMinute().startAt(T0.plusMillis(500)).build()
                .withRunState(null, null, 0, T0.minusSeconds(7), T0.minusSeconds(7));

        assertThat(FireTimes.next(s, T0.minusSeconds(3600))).contains(T0.plusMillis(500));
        assertThat(FireTimes.next(s, T0.plusSeconds(1))).contains(T0.plusMillis(60_500));
    }

    @Test
    void intervalAnchorsAtCreationWithoutStartAt() {
        Schedule s = everyMinute().build().withRunState(null, null, 0, T0.plusSeconds(7), T0.plusSeconds(7));

        assertThat(FireTimes.next(s, T0.plusSeconds(7))).contains(T0.plusSeconds(67));
        assertThat(FireTimes.next(s, T0.plusSeconds(100))).contains(T0.plusSeconds(127));
    }

    @Test
    void intervalOfAnUnsavedDefinitionAnchorsAtTheAskedInstant() {
        Schedule s = everyMinute().build();

        assertThat(FireTimes.next(s, T0.plusSeconds(13))).contains(T0.plusSeconds(73));
    }

    @Test
    void cronNeverFiresBeforeStartAt() {
        Schedule s = Schedule.builder("hourly").task("t").cron("0 * * * *", ZoneOffset.UTC)
                .startAt(T0.plusSeconds(3600)).build();

        // the start itself is a fire time and may fire
        assertThat(FireTimes.next(s, T0)).contains(T0.plusSeconds(3600));
        assertThat(FireTimes.next(s, T0.minusSeconds(86_400))).contains(T0.plusSeconds(3600));
    }

    @Test
    void cronStartingBetweenFireTimesFiresAtTheNextOneAfterTheStart() {
        Schedule s = Schedule.builder("hourly").task("t").cron("0 * * * *", ZoneOffset.UTC)
                .startAt(T0.plusSeconds(60)).build();

        assertThat(FireTimes.next(s, T0.minusSeconds(86_400))).contains(T0.plusSeconds(3600));
    }

    @Test
    void noFireAtOrAfterEndAt() {
        Schedule s = everyMinute().startAt(T0).endAt(T0.plusSeconds(180)).build();

        assertThat(FireTimes.next(s, T0.plusSeconds(60))).contains(T0.plusSeconds(120));
        assertThat(FireTimes.next(s, T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void onceScheduleFiresOnceWithinItsBounds() {
        Schedule s = Schedule.builder("once").task("t").once(T0).build();

        assertThat(FireTimes.next(s, T0.minusSeconds(1))).contains(T0);
        assertThat(FireTimes.next(s, T0)).isEmpty();
        assertThat(FireTimes.next(s.toBuilder().startAt(T0.plusSeconds(1)).build(), T0.minusSeconds(1))).isEmpty();
        assertThat(FireTimes.next(s.toBuilder().endAt(T0).build(), T0.minusSeconds(1))).isEmpty();
    }

    @Test
    void previewListsTheNextFireTimesInOrder() {
        Schedule s = everyMinute().startAt(T0).build();

        assertThat(FireTimes.preview(s, T0, 3))
                .containsExactly(T0.plusSeconds(60), T0.plusSeconds(120), T0.plusSeconds(180));
    }

    @Test
    void previewStopsAtEndAt() {
        Schedule s = everyMinute().startAt(T0).endAt(T0.plusSeconds(150)).build();

        assertThat(FireTimes.preview(s, T0.minusSeconds(1), 10))
                .containsExactly(T0, T0.plusSeconds(60), T0.plusSeconds(120));
    }

    @Test
    void previewCountOutsideOneToAThousandIsRejectedNamingCount() {
        Schedule s = everyMinute().build();

        assertThatThrownBy(() -> FireTimes.preview(s, T0, 0))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("count"));
        assertThatThrownBy(() -> FireTimes.preview(s, T0, 1001))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("count"))
                .hasMessageContaining("1001");
        assertThat(FireTimes.preview(s, T0, 1000)).hasSize(1000);
    }

    private static Schedule.Builder everyMinute() {
        return Schedule.builder("every-minute").task("t").every(Duration.ofMinutes(1));
    }
}
