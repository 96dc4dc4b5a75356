package io.hourglass.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.JobRequest;
import io.hourglass.schedule.Schedule;
import io.hourglass.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A started node follows a manual clock: moving it wakes the engine's parked threads, so work due at the new time
 * starts without waiting for the poll. The poll here is ten minutes, far longer than the test waits, so only the
 * clock's wake-up can start the job.
 */
class ManualClockTest {
    private static final Duration TEN_MINUTES_POLL = Duration.ofMinutes(10);

    @TempDir
    Path dataDir;
    private Hourglass node;

    @AfterEach
    void closeNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void advancingTheClockStartsJobDueAtTheNewTimeOnAStartedNode() {
        ManualClock clock = ManualClock.atEpochDay();
        List<Instant> ranAt = new CopyOnWriteArrayList<>();
        node = started(clock, Task.of("remind", ctx -> ranAt.add(clock.instant())));
        node.enqueue(JobRequest.of("remind").delay(Duration.ofHours(1)).build());

        Instant due = clock.advance(Duration.ofHours(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> ranAt.size() == 1);
        assertThat(ranAt).containsExactly(due);
    }

    @Test
    void advancingTheClockFiresScheduleDueAtTheNewTimeOnAStartedNode() {
        ManualClock clock = ManualClock.atEpochDay();
        List<Instant> ranAt = new CopyOnWriteArrayList<>();
        node = started(clock, Task.of("report", ctx -> ranAt.add(clock.instant())));
        node.createSchedule(Schedule.builder("hourly").task("report").every(Duration.ofHours(1)).build());

        clock.advance(Duration.ofHours(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> ranAt.size() == 1);
        // the planner has fired and parked again, for its ten-minute poll: only the clock's move wakes it now
        Instant second = clock.advance(Duration.ofHours(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> ranAt.size() == 2);
        assertThat(ranAt.get(1)).isEqualTo(second);
    }

    @Test
    void copyInAnotherZoneSharesTimeAndListeners() {
        ManualClock clock = ManualClock.atEpochDay();
        List<String> moves = new CopyOnWriteArrayList<>();
        ManualClock amsterdam = (ManualClock) clock.withZone(java.time.ZoneId.of("Europe/Amsterdam"));
        io.hourglass.internal.MovableClock.Subscription subscription = amsterdam.onMove(() -> moves.add("moved"));

        clock.advance(Duration.ofMinutes(1));
        subscription.cancel();
        clock.advance(Duration.ofMinutes(1));

        assertThat(amsterdam.instant()).isEqualTo(clock.instant());
        assertThat(moves).containsExactly("moved");
    }

    private Hourglass started(ManualClock clock, Task task) {
        Hourglass started = Hourglass.builder().ownedStore(JdbcStore.embedded(dataDir)).clock(clock)
                .pollInterval(TEN_MINUTES_POLL).task(task).build();
        started.start();
        return started;
    }
}
