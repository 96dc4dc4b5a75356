package io.hourglass.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import io.hourglass.attempt.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How outcome rules match an attempt's result, and what they refuse when read. */
class OutcomeRulesTest {
    private static final OutcomeRules STORY_4 = OutcomeRules.fromList(List.of(
            Map.of("match", Map.of("output", "SessionNotCreated|native thread"), "then", "infra_error"),
            Map.of("match", Map.of("outcome", "failed", "exitCode", 3), "then", "succeeded"),
            Map.of("match", Map.of("status", 503), "then", "infra_error"),
            Map.of("match", Map.of("outcome", "failed", "error", "(?i)timeout"), "then", "timed_out")));

    @Test
    void aSucceededAttemptWhoseOutputMatchesBecomesInfraErrorByTheFirstRule() {
        assertThat(STORY_4.apply(Outcome.SUCCEEDED, null, "ok\nSessionNotCreatedException: chrome", null, null))
                .isEqualTo(new OutcomeRules.Verdict(Outcome.INFRA_ERROR, 0));
        assertThat(STORY_4.apply(Outcome.FAILED, "x", "unable to create native thread", 3, null))
                .isEqualTo(new OutcomeRules.Verdict(Outcome.INFRA_ERROR, 0));
    }

    @Test
    void everyConditionOfARuleMustHold() {
        assertThat(STORY_4.apply(Outcome.FAILED, null, "", 3, null)).isEqualTo(new OutcomeRules.Verdict(Outcome.SUCCEEDED, 1));
        assertThat(STORY_4.apply(Outcome.SUCCEEDED, null, "", 3, null)).isEqualTo(new OutcomeRules.Verdict(Outcome.SUCCEEDED, null));
        assertThat(STORY_4.apply(Outcome.FAILED, null, "", 4, null)).isEqualTo(new OutcomeRules.Verdict(Outcome.FAILED, null));
        assertThat(STORY_4.apply(Outcome.FAILED, "read TIMEOUT", null, null, null))
                .isEqualTo(new OutcomeRules.Verdict(Outcome.TIMED_OUT, 3));
        assertThat(STORY_4.apply(Outcome.FAILED, "bad", null, null, 503))
                .isEqualTo(new OutcomeRules.Verdict(Outcome.INFRA_ERROR, 2));
    }

    @Test
    void noRuleMatchingLeavesTheReportedOutcome() {
        assertThat(STORY_4.apply(Outcome.FAILED, "login refused", "bad password", 1, null))
                .isEqualTo(new OutcomeRules.Verdict(Outcome.FAILED, null));
        assertThat(OutcomeRules.NONE.apply(Outcome.SUCCEEDED, null, "SessionNotCreated", null, null))
                .isEqualTo(new OutcomeRules.Verdict(Outcome.SUCCEEDED, null));
    }

    @Test
    void aCancelledAttemptIsNeverReclassified() {
        assertThat(STORY_4.apply(Outcome.CANCELLED, null, "SessionNotCreated", null, null))
                .isEqualTo(new OutcomeRules.Verdict(Outcome.CANCELLED, null));
    }

    @Test
    void rulesRoundTripThroughTheirJsonShape() {
        assertThat(OutcomeRules.fromList(STORY_4.toList())).isEqualTo(STORY_4);
        assertThat(STORY_4.toList().get(0)).isEqualTo(Map.of("match", Map.of("output", "SessionNotCreated|native thread"),
                "then", "infra_error"));
    }

    @Test
    void badRulesAreRefusedNamingTheRuleAndCondition() {
        assertRefused(Map.of("match", Map.of("error", "(unclosed"), "then", "failed"), "outcomeRules[0].match.error",
                "is not a valid regular expression");
        assertRefused(Map.of("match", Map.of("output", "x"), "then", "broken"), "outcomeRules[0].then",
                "must be one of succeeded, failed, infra_error, timed_out, was 'broken'");
        assertRefused(Map.of("match", Map.of("outcome", "nope"), "then", "failed"), "outcomeRules[0].match.outcome",
                "must be one of");
        assertRefused(Map.of("match", Map.of(), "then", "failed"), "outcomeRules[0].match", "needs at least one of");
        assertRefused(Map.of("match", Map.of("stdout", "x"), "then", "failed"), "outcomeRules[0].match.stdout",
                "is not a condition");
        assertRefused(Map.of("match", Map.of("exitCode", "3"), "then", "failed"), "outcomeRules[0].match.exitCode",
                "must be a whole number");
        assertRefused(Map.of("match", Map.of("output", "x"), "then", "cancelled"), "outcomeRules[0].then",
                "only a cancel request cancels");
        assertRefused(Map.of("match", Map.of("output", "x")), "outcomeRules[0].then", "must be one of");
        assertRefused(Map.of("when", Map.of()), "outcomeRules[0].when", "is not a field of a rule");
    }

    private static void assertRefused(Map<String, Object> rule, String field, String message) {
        assertThatThrownBy(() -> OutcomeRules.fromList(List.of(Map.of("match", Map.of("output", "ok"), "then", "failed"), rule)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining(message)
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo(field.replace("[0]", "[1]"));
    }
}
