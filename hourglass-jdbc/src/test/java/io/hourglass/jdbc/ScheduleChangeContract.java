package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.ConflictException;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleChange;
import io.hourglass.schedule.ScheduleChange.Action;
import io.hourglass.schedule.ScheduleChange.FieldChange;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Schedules' change history: written with the change in one transaction (a refused change records nothing), read
 * newest first per schedule, kept after the schedule is deleted, and purged by age.
 */
abstract class ScheduleChangeContract extends WorkerContract {

    private static Schedule nightly(String cron) {
        return Schedule.builder("nightly").task("report").cron(cron, ZoneId.of("Europe/Amsterdam"))
                .args(List.of("eu", 2)).kwargs(Map.of("format", "pdf")).build()
                .withRunState(T0.plusSeconds(3600), null, 0, T0, T0);
    }

    @Test
    void eachChangeIsRecordedWithItsActorAndDefinitionsNewestFirst() {
        Schedule created = nightly("0 2 * * *");
        Schedule edited = nightly("0 3 * * *");
        store.insertSchedule(created, ScheduleChange.of("ops", Action.CREATED, null, created, T0));
        store.updateSchedule(edited, ScheduleChange.of("alice", Action.UPDATED, created, edited, T0.plusSeconds(5)));
        store.recordScheduleChange(ScheduleChange.triggered("alice", "nightly", 42, T0.plusSeconds(6)));
        store.deleteSchedule("nightly", ScheduleChange.of("bob", Action.DELETED, edited, null, T0.plusSeconds(9)));

        List<ScheduleChange> history = store.scheduleChanges("nightly", 10);

        assertThat(history).extracting(ScheduleChange::action)
                .containsExactly(Action.DELETED, Action.TRIGGERED, Action.UPDATED, Action.CREATED);
        assertThat(history).extracting(ScheduleChange::actor).containsExactly("bob", "alice", "alice", "ops");
        assertThat(history.get(0).id()).isGreaterThan(history.get(1).id());
        ScheduleChange update = history.get(2);
        assertThat(update.changedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(update.before()).isEqualTo(ScheduleChange.definition(created));
        assertThat(update.after()).containsEntry("kwargs", Map.of("format", "pdf")).containsEntry("args",
                List.of("eu", 2));
        assertThat(update.diff()).containsExactly(new FieldChange("cron", "0 2 * * *", "0 3 * * *"));
        assertThat(history.get(1).after()).containsEntry("jobId", 42);
        assertThat(history.get(0).after()).isNull();
        assertThat(history.get(3).before()).isNull();
        assertThat(store.scheduleChanges("nightly", 2)).hasSize(2);
        assertThat(store.scheduleChanges("other", 10)).isEmpty();
    }

    @Test
    void aRefusedChangeRecordsNothing() {
        Schedule created = nightly("0 2 * * *");
        store.insertSchedule(created, ScheduleChange.of("ops", Action.CREATED, null, created, T0));

        assertThatThrownBy(() -> store.insertSchedule(created,
                ScheduleChange.of("ops", Action.CREATED, null, created, T0))).isInstanceOf(ConflictException.class);
        Schedule missing = Schedule.builder("missing").task("t").every(Duration.ofMinutes(1)).build();
        assertThat(store.updateSchedule(missing, ScheduleChange.of("ops", Action.UPDATED, missing, missing, T0)))
                .isFalse();
        assertThat(store.deleteSchedule("missing", ScheduleChange.of("ops", Action.DELETED, missing, null, T0)))
                .isFalse();

        assertThat(store.scheduleChanges("nightly", 10)).hasSize(1);
        assertThat(store.scheduleChanges("missing", 10)).isEmpty();
    }

    @Test
    void aDefinitionWithArgumentsOverAMillionCharactersIsRecorded() {
        Schedule big = nightly("0 2 * * *").toBuilder().kwargs(Map.of("blob", "z".repeat(1_100_000))).build()
                .withRunState(T0.plusSeconds(3600), null, 0, T0, T0);
        store.insertSchedule(big, ScheduleChange.of("ops", Action.CREATED, null, big, T0));

        assertThat(store.scheduleChanges("nightly", 1).get(0).after().get("kwargs"))
                .isEqualTo(Map.of("blob", "z".repeat(1_100_000)));
    }

    @Test
    void historyOlderThanTheCutoffIsDeletedInBoundedSlices() {
        for (int i = 0; i < 5; i++) {
            store.recordScheduleChange(ScheduleChange.triggered("ops", "nightly", i, T0.plusSeconds(i)));
        }

        assertThat(store.deleteScheduleChangesBefore(T0.plusSeconds(3), 2)).isEqualTo(2);
        assertThat(store.deleteScheduleChangesBefore(T0.plusSeconds(3), 10)).isEqualTo(1);

        assertThat(store.scheduleChanges("nightly", 10)).extracting(c -> c.changedAt())
                .containsExactly(T0.plusSeconds(4), T0.plusSeconds(3));
    }
}
