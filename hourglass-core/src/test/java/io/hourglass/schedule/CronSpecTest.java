package io.hourglass.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cronutils.model.CronType;
import io.hourglass.InvalidRequestException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronSpecTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void fiveFieldsAreReadAsUnixCron() {
        CronSpec spec = CronSpec.parse("  30 2 * * 1-5 ", UTC);

        assertThat(spec.style()).isEqualTo(CronType.UNIX);
        assertThat(spec.expression()).isEqualTo("30 2 * * 1-5");
        // 2026-01-01 is a Thursday
        assertThat(spec.nextAfter(Instant.parse("2026-01-01T03:00:00Z"), null))
                .contains(Instant.parse("2026-01-02T02:30:00Z"));
    }

    @Test
    void sixFieldsWithoutQuestionMarkAreReadAsSpringCronWithSeconds() {
        CronSpec spec = CronSpec.parse("15 0 12 * * MON-FRI", UTC);

        assertThat(spec.style()).isEqualTo(CronType.SPRING);
        assertThat(spec.nextAfter(Instant.parse("2026-01-02T12:00:15Z"), null))
                .contains(Instant.parse("2026-01-05T12:00:15Z"));
    }

    @Test
    void sixFieldsWithQuestionMarkAreReadAsQuartzCron() {
        CronSpec spec = CronSpec.parse("0 0 12 ? * 6L", UTC);

        assertThat(spec.style()).isEqualTo(CronType.QUARTZ);
        // Quartz 6L: the last Friday of the month
        assertThat(spec.nextAfter(Instant.parse("2026-01-01T00:00:00Z"), null))
                .contains(Instant.parse("2026-01-30T12:00:00Z"));
    }

    @Test
    void sevenFieldsAreReadAsQuartzCronWithYear() {
        CronSpec spec = CronSpec.parse("0 0 12 1 1 ? 2027", UTC);

        assertThat(spec.style()).isEqualTo(CronType.QUARTZ);
        assertThat(spec.nextAfter(Instant.parse("2026-06-01T00:00:00Z"), null))
                .contains(Instant.parse("2027-01-01T12:00:00Z"));
        assertThat(spec.nextAfter(Instant.parse("2027-01-01T12:00:00Z"), null)).isEmpty();
    }

    @Test
    void anExpressionThatNeverMatchesHasNoFireTimes() {
        CronSpec spec = CronSpec.parse("0 0 30 2 *", UTC);

        assertThat(spec.nextAfter(Instant.parse("2026-01-01T00:00:00Z"), null)).isEmpty();
        assertThat(spec.lastBefore(Instant.parse("2026-01-01T00:00:00Z"), null)).isEmpty();
    }

    @Test
    void fireTimesAreStrictlyAfterEvenWithinTheSameSecond() {
        CronSpec spec = CronSpec.parse("0 * * * *", UTC);

        assertThat(spec.nextAfter(Instant.parse("2026-01-01T10:00:00Z"), null))
                .contains(Instant.parse("2026-01-01T11:00:00Z"));
        assertThat(spec.nextAfter(Instant.parse("2026-01-01T09:59:59.999Z"), null))
                .contains(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(spec.lastBefore(Instant.parse("2026-01-01T10:00:00Z"), null))
                .contains(Instant.parse("2026-01-01T09:00:00Z"));
        assertThat(spec.lastBefore(Instant.parse("2026-01-01T10:00:00.001Z"), null))
                .contains(Instant.parse("2026-01-01T10:00:00Z"));
    }

    @Test
    void wallClockTimeFollowsTheZone() {
        CronSpec spec = CronSpec.parse("0 9 * * *", ZoneId.of("Asia/Kolkata"));

        assertThat(spec.nextAfter(Instant.parse("2026-01-01T00:00:00Z"), null))
                .contains(Instant.parse("2026-01-01T03:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"61 * * * *", "a b c d e", "* * *", "* * * * * * * *", "@daily", "0 0 12 * * MON ?",
            "0 0 12 1 * MON 2026", "*/0 * * * *"})
    void badExpressionsAreRejectedNamingTheCronField(String expression) {
        assertThatThrownBy(() -> CronSpec.parse(expression, UTC))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("cron"))
                .hasMessageContaining("cron");
    }

    @Test
    void blankOrMissingExpressionsAreRejectedNamingTheCronField() {
        assertThatThrownBy(() -> CronSpec.parse(" ", UTC))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("cron"));
        assertThatThrownBy(() -> CronSpec.parse(null, UTC))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("cron"));
    }

    @Test
    void aCronWithoutZoneIsRejectedNamingTheZoneField() {
        assertThatThrownBy(() -> CronSpec.parse("0 * * * *", null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("zone"));
    }

    @Test
    void specsWithTheSameDefinitionAreEqual() {
        assertThat(CronSpec.parse("0 * * * *", UTC)).isEqualTo(CronSpec.parse("0 * * * * ", UTC));
        assertThat(ScheduleSpec.cron("0 * * * *", UTC)).isEqualTo(new CronSpec("0 * * * *", UTC, CronType.UNIX));
    }
}
