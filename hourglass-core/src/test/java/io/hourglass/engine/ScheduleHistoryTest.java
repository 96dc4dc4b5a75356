package io.hourglass.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.Hourglass;
import io.hourglass.InvalidRequestException;
import io.hourglass.schedule.Matrix;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleChange;
import io.hourglass.schedule.ScheduleChange.Action;
import io.hourglass.schedule.ScheduleChange.FieldChange;
import io.hourglass.schedule.ScheduleEditing;
import io.hourglass.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every schedule change through the client is recorded with its actor: "embedded" for the node's own client, the
 * name given to {@code actingAs} otherwise; a refused change records nothing.
 */
class ScheduleHistoryTest {
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
    void changesAreRecordedWithTheirActorNewestFirst() {
        Schedule ticker = Schedule.builder("ticker").task("t").every(Duration.ofMinutes(5)).build();
        node.createSchedule(ticker);
        ScheduleEditing alice = node.actingAs("alice");
        alice.updateSchedule(ticker.toBuilder().every(Duration.ofMinutes(10)).build());
        alice.disableSchedule("ticker");
        alice.enableSchedule("ticker");
        long jobId = alice.triggerSchedule("ticker").jobId();
        node.actingAs("bob").deleteSchedule("ticker");

        var history = node.scheduleHistory("ticker", 100);

        assertThat(history).extracting(ScheduleChange::action).containsExactly(Action.DELETED, Action.TRIGGERED,
                Action.ENABLED, Action.DISABLED, Action.UPDATED, Action.CREATED);
        assertThat(history).extracting(ScheduleChange::actor).containsExactly("bob", "alice", "alice", "alice",
                "alice", ScheduleChange.EMBEDDED);
        assertThat(history.get(4).diff()).containsExactly(new FieldChange("every", "PT5M", "PT10M"));
        assertThat(history.get(3).diff()).containsExactly(new FieldChange("enabled", true, false));
        assertThat(history.get(1).after()).containsEntry("jobId", jobId);
        assertThat(history.get(0).before()).containsEntry("every", "PT10M");
        assertThat(history).allSatisfy(c -> assertThat(c.changedAt()).isEqualTo(NOW));
    }

    @Test
    void aMatrixAndAnExpiryChangeAreRecordedAsFieldsOfTheDefinition() {
        Schedule checks = Schedule.builder("checks").task("t").every(Duration.ofMinutes(5))
                .matrix(Matrix.fromMap(Map.of("partner", List.of("acme")))).build();
        node.createSchedule(checks);
        node.actingAs("alice").updateSchedule(checks.toBuilder()
                .matrix(Matrix.fromMap(Map.of("partner", List.of("acme", "globex"))))
                .expiresAfter(Duration.ofMinutes(3)).build());

        var history = node.scheduleHistory("checks", 10);

        assertThat(history.get(1).after()).containsEntry("matrix", Map.of("partner", List.of("acme")));
        assertThat(history.get(0).diff()).containsExactly(
                new FieldChange("matrix", Map.of("partner", List.of("acme")),
                        Map.of("partner", List.of("acme", "globex"))),
                new FieldChange("expiresAfter", null, "3m"));
    }

    @Test
    void aRefusedChangeRecordsNothing() {
        Schedule past = Schedule.builder("late").task("t").once(NOW.minusSeconds(60)).build();
        assertThatThrownBy(() -> node.actingAs("alice").createSchedule(past)).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("once"));
        assertThat(node.actingAs("alice").deleteSchedule("late")).isFalse();
        assertThat(node.scheduleHistory("late", 10)).isEmpty();
    }

    @Test
    void aBlankActorOrAnOutOfRangeLimitIsRefused() {
        assertThatThrownBy(() -> node.actingAs(" ")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("actor"));
        assertThatThrownBy(() -> node.scheduleHistory("x", 0)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("limit"));
    }
}
