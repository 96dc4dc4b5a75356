package io.hourglass.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cron across daylight-saving changes. The rule (Vixie cron's): hour field '*' follows real time (every real
 * hour fires, a non-existent wall time does not); fixed hours follow the wall clock (a repeated wall time fires
 * once, at its first occurrence; a non-existent one fires once, when the gap ends).
 *
 * <p>Europe/Amsterdam: 2026-03-29 02:00 CET -> 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST -> 02:00 CET (01:00Z).
 * America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z); 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z).
 */
class CronDstTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void dailyJobInTheSpringForwardGapFiresOnceWhenTheGapEnds() {
        assertThat(fireTimes("30 2 * * *", AMSTERDAM, "2026-03-27T12:00:00Z", 4)).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"),  // 02:30 CET
                Instant.parse("2026-03-29T01:00:00Z"),  // 02:30 does not exist: 03:00 CEST, the end of the gap
                Instant.parse("2026-03-30T00:30:00Z"),  // 02:30 CEST
                Instant.parse("2026-03-31T00:30:00Z"));
    }

    @Test
    void dailyJobInTheRepeatedHourFiresOnlyAtItsFirstOccurrence() {
        assertThat(fireTimes("30 2 * * *", AMSTERDAM, "2026-10-23T12:00:00Z", 3)).containsExactly(
                Instant.parse("2026-10-24T00:30:00Z"),  // 02:30 CEST
                Instant.parse("2026-10-25T00:30:00Z"),  // 02:30 CEST, first pass; not again at 02:30 CET
                Instant.parse("2026-10-26T01:30:00Z")); // 02:30 CET
    }

    @Test
    void hourlyJobFiresEveryRealHourAcrossSpringForward() {
        List<Instant> day = fireTimesBetween("0 * * * *", AMSTERDAM, "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z");

        assertThat(day).hasSize(23).startsWith(
                Instant.parse("2026-03-28T23:00:00Z"),  // 00:00 CET
                Instant.parse("2026-03-29T00:00:00Z"),  // 01:00 CET
                Instant.parse("2026-03-29T01:00:00Z"),  // 03:00 CEST: 02:00 does not exist
                Instant.parse("2026-03-29T02:00:00Z")); // 04:00 CEST
        assertHourApart(day);
    }

    @Test
    void hourlyJobFiresEveryRealHourAcrossFallBackSo25Times() {
        List<Instant> day = fireTimesBetween("0 * * * *", AMSTERDAM, "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z");

        assertThat(day).hasSize(25).startsWith(
                Instant.parse("2026-10-24T22:00:00Z"),  // 00:00 CEST
                Instant.parse("2026-10-24T23:00:00Z"),  // 01:00 CEST
                Instant.parse("2026-10-25T00:00:00Z"),  // 02:00 CEST
                Instant.parse("2026-10-25T01:00:00Z"),  // 02:00 CET, the repeated hour
                Instant.parse("2026-10-25T02:00:00Z")); // 03:00 CET
        assertHourApart(day);
    }

    @Test
    void quarterHourlyJobRunsOnRealTimeThroughTheRepeatedHour() {
        List<Instant> times = fireTimesBetween("*/15 * * * *", AMSTERDAM, "2026-10-24T23:45:00Z",
                "2026-10-25T02:15:00Z");

        assertThat(times).hasSize(10).first().isEqualTo(Instant.parse("2026-10-24T23:45:00Z"));
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).isEqualTo(Duration.ofMinutes(15));
        }
    }

    @Test
    void quarterHourlyJobSkipsTheWallTimesThatDoNotExist() {
        assertThat(fireTimes("*/15 * * * *", AMSTERDAM, "2026-03-29T00:40:00Z", 3)).containsExactly(
                Instant.parse("2026-03-29T00:45:00Z"),  // 01:45 CET
                Instant.parse("2026-03-29T01:00:00Z"),  // 03:00 CEST
                Instant.parse("2026-03-29T01:15:00Z"));
    }

    @Test
    void fixedHourWithEveryMinuteCollapsesTheGapIntoOneFire() {
        assertThat(fireTimes("*/15 2 * * *", AMSTERDAM, "2026-03-28T12:00:00Z", 2)).containsExactly(
                Instant.parse("2026-03-29T01:00:00Z"),  // 02:00..02:45 do not exist: once at 03:00 CEST
                Instant.parse("2026-03-30T00:00:00Z")); // 02:00 CEST next day
    }

    @Test
    void fixedHoursThatMeetAtTheEndOfTheGapFireOnce() {
        assertThat(fireTimes("0 2,3 * * *", AMSTERDAM, "2026-03-28T12:00:00Z", 3)).containsExactly(
                Instant.parse("2026-03-29T01:00:00Z"),  // 02:00 (gap) and 03:00 CEST are the same instant
                Instant.parse("2026-03-30T00:00:00Z"),
                Instant.parse("2026-03-30T01:00:00Z"));
    }

    @Test
    void newYorkDailyJobInTheGapRunsAtThreeInTheMorning() {
        assertThat(fireTimes("30 2 * * *", NEW_YORK, "2026-03-07T12:00:00Z", 3)).containsExactly(
                Instant.parse("2026-03-08T07:00:00Z"),  // 02:30 does not exist: 03:00 EDT
                Instant.parse("2026-03-09T06:30:00Z"),  // 02:30 EDT
                Instant.parse("2026-03-10T06:30:00Z"));
    }

    @Test
    void newYorkDailyJobInTheRepeatedHourFiresOnce() {
        assertThat(fireTimes("30 1 * * *", NEW_YORK, "2026-10-31T12:00:00Z", 3)).containsExactly(
                Instant.parse("2026-11-01T05:30:00Z"),  // 01:30 EDT only
                Instant.parse("2026-11-02T06:30:00Z"),  // 01:30 EST
                Instant.parse("2026-11-03T06:30:00Z"));
    }

    @Test
    void newYorkHourlyJobFiresTwiceAtOneInTheMorningOnFallBackDay() {
        assertThat(fireTimes("0 * * * *", NEW_YORK, "2026-11-01T04:30:00Z", 4)).containsExactly(
                Instant.parse("2026-11-01T05:00:00Z"),  // 01:00 EDT
                Instant.parse("2026-11-01T06:00:00Z"),  // 01:00 EST
                Instant.parse("2026-11-01T07:00:00Z"),  // 02:00 EST
                Instant.parse("2026-11-01T08:00:00Z"));
        assertThat(fireTimesBetween("0 * * * *", NEW_YORK, "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")).hasSize(23);
    }

    @Test
    void searchingFromInsideTheRepeatedHourFindsTheNextRealFire() {
        CronSpec hourly = CronSpec.parse("0 * * * *", AMSTERDAM);
        CronSpec daily = CronSpec.parse("30 2 * * *", AMSTERDAM);

        // 02:30 CEST, first pass of the repeated hour
        Instant firstPass = Instant.parse("2026-10-25T00:30:00Z");
        assertThat(hourly.nextAfter(firstPass, null)).contains(Instant.parse("2026-10-25T01:00:00Z"));
        assertThat(daily.nextAfter(firstPass, null)).contains(Instant.parse("2026-10-26T01:30:00Z"));
        // 02:10 CET, second pass
        Instant secondPass = Instant.parse("2026-10-25T01:10:00Z");
        assertThat(hourly.nextAfter(secondPass, null)).contains(Instant.parse("2026-10-25T02:00:00Z"));
        assertThat(hourly.lastBefore(secondPass, null)).contains(Instant.parse("2026-10-25T01:00:00Z"));
        assertThat(daily.lastBefore(secondPass, null)).contains(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
            "30 2 * * *, Europe/Amsterdam, 2026-03-20T00:00:00Z",
            "30 2 * * *, Europe/Amsterdam, 2026-10-20T00:00:00Z",
            "0 * * * *, Europe/Amsterdam, 2026-03-28T12:00:00Z",
            "0 * * * *, Europe/Amsterdam, 2026-10-24T12:00:00Z",
            "*/15 * * * *, America/New_York, 2026-11-01T03:00:00Z",
            "*/15 2 * * *, America/New_York, 2026-03-07T00:00:00Z",
            "'0 2,3 * * *', Europe/Amsterdam, 2026-03-27T00:00:00Z",
            "0 30 1 * * *, America/New_York, 2026-10-30T00:00:00Z",
            "0 0 */2 * * *, Australia/Lord_Howe, 2026-04-04T00:00:00Z"})
    void searchingBackwardFindsExactlyTheForwardFireTimes(String expression, String zone, String from) {
        CronSpec spec = CronSpec.parse(expression, ZoneId.of(zone));
        List<Instant> forward = fireTimes(expression, ZoneId.of(zone), from, 60);

        List<Instant> backward = new ArrayList<>();
        Instant cursor = forward.get(forward.size() - 1).plusSeconds(1);
        for (int i = 0; i < forward.size(); i++) {
            Optional<Instant> last = spec.lastBefore(cursor, null);
            assertThat(last).isPresent();
            backward.add(last.get());
            cursor = last.get();
        }
        Collections.reverse(backward);
        assertThat(backward).isEqualTo(forward);
    }

    private static List<Instant> fireTimes(String expression, ZoneId zone, String after, int count) {
        CronSpec spec = CronSpec.parse(expression, zone);
        List<Instant> times = new ArrayList<>();
        Instant cursor = Instant.parse(after);
        while (times.size() < count) {
            cursor = spec.nextAfter(cursor, null).orElseThrow();
            times.add(cursor);
        }
        return times;
    }

    /** Fire times in [from, to). */
    private static List<Instant> fireTimesBetween(String expression, ZoneId zone, String from, String to) {
        CronSpec spec = CronSpec.parse(expression, zone);
        List<Instant> times = new ArrayList<>();
        Instant cursor = Instant.parse(from).minusNanos(1);
        Instant end = Instant.parse(to);
        while (true) {
            cursor = spec.nextAfter(cursor, null).orElseThrow();
            if (!cursor.isBefore(end)) {
                return times;
            }
            times.add(cursor);
        }
    }

    private static void assertHourApart(List<Instant> times) {
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).isEqualTo(Duration.ofHours(1));
        }
    }
}
