package io.hourglass.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks the DST rule against a brute-force oracle: every real minute of a transition day is tested against the
 * expression on its wall clock, and {@code nextAfter}/{@code lastBefore} from many starting points (inside the
 * gap's edges and both passes of the repeated hour included) must agree with it.
 */
class CronDstOracleTest {

    @ParameterizedTest(name = "{0} in {1} on {2}")
    @CsvSource(delimiter = ';', value = {
            "30 2 * * *; Europe/Amsterdam; 2026-03-29",
            "30 2 * * *; Europe/Amsterdam; 2026-10-25",
            "0 * * * *; Europe/Amsterdam; 2026-03-29",
            "0 * * * *; Europe/Amsterdam; 2026-10-25",
            "*/15 * * * *; Europe/Amsterdam; 2026-10-25",
            "*/15 2 * * *; Europe/Amsterdam; 2026-03-29",
            "10,50 1-3 * * *; America/New_York; 2026-03-08",
            "10,50 1-3 * * *; America/New_York; 2026-11-01",
            "*/20 * * * *; America/New_York; 2026-11-01",
            "0,30 * * * *; Australia/Lord_Howe; 2026-04-05",
            "45 1 * * *; Australia/Lord_Howe; 2026-04-05"})
    void nextAndLastAgreeWithTheOracle(String expression, String zoneId, String day) {
        ZoneId zone = ZoneId.of(zoneId);
        CronSpec spec = CronSpec.parse(expression, zone);
        Instant from = LocalDateTime.parse(day + "T00:00").minusHours(6).atZone(zone).toInstant();
        Instant to = from.plus(Duration.ofHours(36));
        // a day of margin on each side, so that daily schedules have a neighbour for every probe
        TreeSet<Instant> expected = oracle(expression, zone, from.minus(Duration.ofDays(1)),
                to.plus(Duration.ofDays(1)));

        for (Instant probe = from; probe.isBefore(to); probe = probe.plusSeconds(11 * 60 + 30)) {
            for (Instant at : List.of(probe, probe.truncatedTo(ChronoUnit.MINUTES))) {
                assertThat(spec.nextAfter(at, null)).as("next after %s", at)
                        .isEqualTo(Optional.ofNullable(expected.higher(at)));
                assertThat(spec.lastBefore(at, null)).as("last before %s", at)
                        .isEqualTo(Optional.ofNullable(expected.lower(at)));
            }
        }
    }

    /** The fire times in [from, to) by the documented rule, found by testing every real minute. */
    private static TreeSet<Instant> oracle(String expression, ZoneId zone, Instant from, Instant to) {
        ExecutionTime wallClock = ExecutionTime.forCron(
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX)).parse(expression));
        boolean everyHour = expression.split(" ")[1].equals("*");
        TreeSet<Instant> fires = new TreeSet<>();
        for (Instant minute = from; minute.isBefore(to); minute = minute.plusSeconds(60)) {
            LocalDateTime wall = LocalDateTime.ofInstant(minute, zone);
            boolean matches = wallClock.isMatch(wall.atZone(ZoneOffset.UTC));
            ZoneOffsetTransition transition = zone.getRules().getTransition(wall);
            boolean secondPass = transition != null && transition.isOverlap()
                    && zone.getRules().getOffset(minute).equals(transition.getOffsetAfter());
            if (matches && (everyHour || !secondPass)) {
                fires.add(minute);
            }
            ZoneOffsetTransition gap = zone.getRules().nextTransition(minute.minusNanos(1));
            if (!everyHour && gap != null && gap.isGap() && gap.getInstant().equals(minute)) {
                for (LocalDateTime skipped = gap.getDateTimeBefore(); skipped.isBefore(gap.getDateTimeAfter());
                        skipped = skipped.plusMinutes(1)) {
                    if (wallClock.isMatch(skipped.atZone(ZoneOffset.UTC))) {
                        fires.add(gap.getInstant());
                    }
                }
            }
        }
        return fires;
    }
}
