package io.hourglass.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.schedule.FireTimes.Firing;
import io.hourglass.schedule.FireTimes.Run;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Firing a due schedule: on-time runs, each misfire policy, bounds, and huge gaps. */
class FireTimesMisfireTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final long TEN_MILLION = 10_000_000L;

    @Test
    void onTimeFireMakesOneRunDueAtItsFireTime() {
        Firing firing = FireTimes.fire(everyMinute(MisfirePolicy.SKIP, 100, T0), T0.plusSeconds(1), GRACE);

        assertThat(firing.runs()).containsExactly(new Run(T0, T0));
        assertThat(firing.nextFireAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aFireTimeExactlyGraceOldIsStillOnTime() {
        Firing firing = FireTimes.fire(everyMinute(MisfirePolicy.SKIP, 100, T0), T0.plus(GRACE), GRACE);

        assertThat(firing.runs()).containsExactly(new Run(T0, T0));
    }

    @Test
    void skipDropsThreeMissedFireTimes() {
        Firing firing = FireTimes.fire(everyMinute(MisfirePolicy.SKIP, 100, T0), threeMissedLater(), GRACE);

        assertThat(firing.runs()).containsExactly(onTime(T0.plusSeconds(180)));
        assertThat(firing.nextFireAt()).isEqualTo(T0.plusSeconds(240));
    }

    @Test
    void runOnceRunsThreeMissedFireTimesOnceAsTheLatest() {
        Firing firing = FireTimes.fire(everyMinute(MisfirePolicy.RUN_ONCE, 100, T0), threeMissedLater(), GRACE);

        assertThat(firing.runs()).containsExactly(
                new Run(T0.plusSeconds(120), threeMissedLater()),
                onTime(T0.plusSeconds(180)));
        assertThat(firing.nextFireAt()).isEqualTo(T0.plusSeconds(240));
    }

    @Test
    void runAllRunsEachOfThreeMissedFireTimesOldestFirst() {
        Firing firing = FireTimes.fire(everyMinute(MisfirePolicy.RUN_ALL, 100, T0), threeMissedLater(), GRACE);

        Instant now = threeMissedLater();
        assertThat(firing.runs()).containsExactly(
                new Run(T0, now),
                new Run(T0.plusSeconds(60), now),
                new Run(T0.plusSeconds(120), now),
                onTime(T0.plusSeconds(180)));
        assertThat(firing.nextFireAt()).isEqualTo(T0.plusSeconds(240));
    }

    @Test
    void runAllKeepsOnlyTheMostRecentMissedFireTimesUpToTheCap() {
        Firing firing = FireTimes.fire(everyMinute(MisfirePolicy.RUN_ALL, 2, T0), threeMissedLater(), GRACE);

        Instant now = threeMissedLater();
        assertThat(firing.runs()).containsExactly(
                new Run(T0.plusSeconds(60), now),
                new Run(T0.plusSeconds(120), now),
                onTime(T0.plusSeconds(180)));
    }

    @Test
    void skipOverTenMillionMissedMinutesJumpsToNow() {
        Instant lastMissed = T0.plusSeconds(60 * (TEN_MILLION - 1));
        Instant now = lastMissed.plusSeconds(30);

        for (Schedule s : tenMillionMinuteSchedules(MisfirePolicy.SKIP, 100)) {
            Firing firing = FireTimes.fire(s, now, GRACE);

            assertThat(firing.runs()).as(s.spec().toString()).isEmpty();
            assertThat(firing.nextFireAt()).as(s.spec().toString()).isEqualTo(lastMissed.plusSeconds(60));
        }
    }

    @Test
    void runOnceOverTenMillionMissedMinutesMakesOneRun() {
        Instant lastMissed = T0.plusSeconds(60 * (TEN_MILLION - 1));
        Instant now = lastMissed.plusSeconds(30);

        for (Schedule s : tenMillionMinuteSchedules(MisfirePolicy.RUN_ONCE, 100)) {
            Firing firing = FireTimes.fire(s, now, GRACE);

            assertThat(firing.runs()).as(s.spec().toString()).containsExactly(new Run(lastMissed, now));
            assertThat(firing.nextFireAt()).isEqualTo(lastMissed.plusSeconds(60));
        }
    }

    @Test
    void runAllOverTenMillionMissedMinutesRunsTheCapMostRecent() {
        Instant lastMissed = T0.plusSeconds(60 * (TEN_MILLION - 1));
        Instant now = lastMissed.plusSeconds(30);

        for (Schedule s : tenMillionMinuteSchedules(MisfirePolicy.RUN_ALL, 100)) {
            Firing firing = FireTimes.fire(s, now, GRACE);

            assertThat(firing.runs()).as(s.spec().toString()).hasSize(100);
            assertThat(firing.runs().get(0)).isEqualTo(new Run(lastMissed.minusSeconds(60 * 99), now));
            assertThat(firing.runs().get(99)).isEqualTo(new Run(lastMissed, now));
            assertThat(firing.nextFireAt()).isEqualTo(lastMissed.plusSeconds(60));
        }
    }

    @Test
    void runsNeverReachEndAtAndTheScheduleEnds() {
        Schedule s = Schedule.builder("s").task("t").every(Duration.ofMinutes(1)).startAt(T0)
                .endAt(T0.plusSeconds(150)).misfirePolicy(MisfirePolicy.RUN_ALL).build()
                .withRunState(T0, null, 0, T0, T0);
        Instant now = T0.plusSeconds(600);

        Firing firing = FireTimes.fire(s, now, GRACE);

        assertThat(firing.runs()).containsExactly(
                new Run(T0, now), new Run(T0.plusSeconds(60), now), new Run(T0.plusSeconds(120), now));
        assertThat(firing.nextFireAt()).isNull();
    }

    @Test
    void runsNeverPrecedeAStartAtMovedLater() {
        Schedule s = Schedule.builder("s").task("t").cron("* * * * *", ZoneOffset.UTC)
                .startAt(T0.plusSeconds(90)).misfirePolicy(MisfirePolicy.RUN_ALL).build()
                .withRunState(T0, null, 0, T0, T0);
        Instant now = T0.plusSeconds(185);

        Firing firing = FireTimes.fire(s, now, GRACE);

        assertThat(firing.runs()).containsExactly(new Run(T0.plusSeconds(120), now), onTime(T0.plusSeconds(180)));
        assertThat(firing.nextFireAt()).isEqualTo(T0.plusSeconds(240));
    }

    @Test
    void onceScheduleFiresAndHasNoNextFire() {
        Schedule s = Schedule.builder("once").task("t").once(T0).build().withRunState(T0, null, 0, T0, T0);

        Firing firing = FireTimes.fire(s, T0.plusMillis(5), GRACE);

        assertThat(firing.runs()).containsExactly(onTime(T0));
        assertThat(firing.nextFireAt()).isNull();
    }

    @Test
    void missedOnceScheduleFollowsThePolicy() {
        Schedule s = Schedule.builder("once").task("t").once(T0).build().withRunState(T0, null, 0, T0, T0);
        Instant now = T0.plusSeconds(3600);

        assertThat(FireTimes.fire(s.toBuilder().misfirePolicy(MisfirePolicy.SKIP).build()
                .withRunState(T0, null, 0, T0, T0), now, GRACE).runs()).isEmpty();
        assertThat(FireTimes.fire(s, now, GRACE).runs()).containsExactly(new Run(T0, now));
    }

    @Test
    void scheduleThatIsNotDueMakesNoRunsAndKeepsItsNextFire() {
        Schedule notYet = everyMinute(MisfirePolicy.RUN_ALL, 100, T0.plusSeconds(60));
        Schedule ended = everyMinute(MisfirePolicy.RUN_ALL, 100, null);

        assertThat(FireTimes.fire(notYet, T0, GRACE)).isEqualTo(new Firing(java.util.List.of(), T0.plusSeconds(60)));
        assertThat(FireTimes.fire(ended, T0, GRACE)).isEqualTo(new Firing(java.util.List.of(), null));
    }

    @Test
    void runAllAcrossTheFallBackHourRunsEveryRealHourOnce() {
        Schedule s = Schedule.builder("hourly").task("t").cron("0 * * * *", ZoneId.of("Europe/Amsterdam"))
                .misfirePolicy(MisfirePolicy.RUN_ALL).build()
                .withRunState(Instant.parse("2026-10-24T23:00:00Z"), null, 0, T0, T0);
        Instant now = Instant.parse("2026-10-25T03:00:05Z");

        Firing firing = FireTimes.fire(s, now, GRACE);

        assertThat(firing.runs()).containsExactly(
                new Run(Instant.parse("2026-10-24T23:00:00Z"), now),  // 01:00 CEST
                new Run(Instant.parse("2026-10-25T00:00:00Z"), now),  // 02:00 CEST
                new Run(Instant.parse("2026-10-25T01:00:00Z"), now),  // 02:00 CET
                new Run(Instant.parse("2026-10-25T02:00:00Z"), now),  // 03:00 CET
                onTime(Instant.parse("2026-10-25T03:00:00Z")));
        assertThat(firing.nextFireAt()).isEqualTo(Instant.parse("2026-10-25T04:00:00Z"));
    }

    /** Fire times T0, +1m, +2m are more than the grace old; +3m is on time. */
    private static Instant threeMissedLater() {
        return T0.plusSeconds(185);
    }

    private static Run onTime(Instant fireAt) {
        return new Run(fireAt, fireAt);
    }

    private static Schedule everyMinute(MisfirePolicy policy, int cap, Instant nextFireAt) {
        return Schedule.builder("every-minute").task("t").every(Duration.ofMinutes(1)).startAt(T0)
                .misfirePolicy(policy).misfireCap(cap).build()
                .withRunState(nextFireAt, null, 0, T0, T0);
    }

    /** An interval and a cron schedule, both due at T0 and firing every minute. */
    private static java.util.List<Schedule> tenMillionMinuteSchedules(MisfirePolicy policy, int cap) {
        return java.util.List.of(
                everyMinute(policy, cap, T0),
                Schedule.builder("cron").task("t").cron("* * * * *", ZoneId.of("Europe/Amsterdam"))
                        .misfirePolicy(policy).misfireCap(cap).build().withRunState(T0, null, 0, T0, T0));
    }
}
