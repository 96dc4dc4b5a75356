package io.hourglass.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.Hourglass;
import io.hourglass.InvalidRequestException;
import io.hourglass.schedule.Schedule;
import io.hourglass.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A schedule that could never fire is refused when it is saved, with the reason, and nothing is stored. */
class ScheduleThatNeverFiresTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private final InMemoryStore store = new InMemoryStore();
    private Hourglass node;

    @BeforeEach
    void build() {
        node = Hourglass.builder().store(store).nodeName("test-node").clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .task(Task.of("t", ctx -> { })).workerThreads(0).build();
    }

    @AfterEach
    void stop() {
        node.stop(Duration.ofSeconds(1));
    }

    @Test
    void cronThatNoDateMatchesIsRefusedAtSaveNamingCron() {
        Schedule february30 = Schedule.builder("never").task("t").cron("0 0 30 2 *", ZoneId.of("UTC")).build();
        assertThatThrownBy(() -> node.createSchedule(february30)).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("cron");
                    assertThat(e.getMessage()).contains("never fires");
                });
        assertThat(node.schedules()).isEmpty();
    }

    @Test
    void boundsThatLeaveNoFireTimeAreRefusedNamingEndAt() {
        Schedule ended = Schedule.builder("ended").task("t").every(Duration.ofMinutes(5))
                .startAt(NOW.minusSeconds(7200)).endAt(NOW.minusSeconds(3600)).build();
        assertThatThrownBy(() -> node.createSchedule(ended)).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("endAt"));
        Schedule tooNarrow = Schedule.builder("narrow").task("t").cron("0 0 * * *", ZoneId.of("UTC"))
                .startAt(NOW.plusSeconds(60)).endAt(NOW.plusSeconds(120)).build();
        assertThatThrownBy(() -> node.createSchedule(tooNarrow)).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("endAt"));
        assertThat(node.schedules()).isEmpty();
    }

    @Test
    void updateToACronThatNeverFiresIsRefusedAndKeepsTheOldDefinition() {
        node.createSchedule(Schedule.builder("daily").task("t").cron("0 2 * * *", ZoneId.of("UTC")).build());
        Schedule never = Schedule.builder("daily").task("t").cron("0 0 31 4 *", ZoneId.of("UTC")).build();
        assertThatThrownBy(() -> node.updateSchedule(never)).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("cron"));
        assertThat(node.schedule("daily").orElseThrow().spec().toString()).contains("0 2 * * *");
    }
}
