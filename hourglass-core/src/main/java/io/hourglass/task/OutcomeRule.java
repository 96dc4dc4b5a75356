package io.hourglass.task;

import io.hourglass.InvalidRequestException;
import io.hourglass.attempt.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One rule of a task's {@link OutcomeRules}: when an attempt's result matches every condition given in
 * {@code match}, the attempt's outcome becomes {@code then}. E.g. "an attempt whose output mentions
 * {@code SessionNotCreated} is an infra_error, whatever it reported".
 *
 * @param outcome  matches the outcome the executor reported; null for any
 * @param error    a regular expression found anywhere in the error text; null for any
 * @param output   a regular expression found anywhere in the captured output; null for any
 * @param exitCode matches a process's or container's exit code; null for any
 * @param status   matches an HTTP response's status; null for any
 * @param then     the outcome the attempt gets instead
 */
public record OutcomeRule(Outcome outcome, Pattern error, Pattern output, Integer exitCode, Integer status,
                          Outcome then) {

    public OutcomeRule {
        InvalidRequestException.require(outcome != null || error != null || output != null || exitCode != null
                || status != null, "match", "needs at least one of outcome, error, output, exitCode, status");
        InvalidRequestException.require(outcome != Outcome.CANCELLED, "match.outcome",
                "cancelled attempts are never reclassified (somebody asked for the cancel)");
        InvalidRequestException.require(then != null, "then", "must be one of " + OutcomeRules.RESULTS);
        InvalidRequestException.require(then != Outcome.CANCELLED, "then",
                "must be one of " + OutcomeRules.RESULTS + ", was cancelled (only a cancel request cancels)");
    }

    /** Compiles a rule from text, naming {@code field} + the condition in any refusal (e.g. {@code .match.error}). */
    public static OutcomeRule of(String field, String outcome, String error, String output, Integer exitCode,
                                 Integer status, String then) {
        try {
            return new OutcomeRule(outcome(field + ".match.outcome", outcome), pattern(field + ".match.error", error),
                    pattern(field + ".match.output", output), exitCode, status, outcome(field + ".then", then));
        } catch (InvalidRequestException e) {
            String inner = e.field();
            if (inner != null && inner.startsWith(field)) {
                throw e;
            }
            String at = inner == null ? field : field + "." + inner;
            throw new InvalidRequestException(at, e.getMessage().substring(inner == null ? 0 : inner.length() + 2));
        }
    }

    /** Whether the result matches every condition this rule gives. */
    public boolean matches(Outcome reported, String errorText, String outputText, Integer reportedExitCode,
                           Integer reportedStatus) {
        return (outcome == null || outcome == reported)
                && (error == null || (errorText != null && error.matcher(errorText).find()))
                && (output == null || (outputText != null && output.matcher(outputText).find()))
                && (exitCode == null || exitCode.equals(reportedExitCode))
                && (status == null || status.equals(reportedStatus));
    }

    /** The rule as JSON-shaped data: {@code {"match": {...}, "then": "infra_error"}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> match = new LinkedHashMap<>();
        if (outcome != null) {
            match.put("outcome", outcome.wireName());
        }
        if (error != null) {
            match.put("error", error.pattern());
        }
        if (output != null) {
            match.put("output", output.pattern());
        }
        if (exitCode != null) {
            match.put("exitCode", exitCode);
        }
        if (status != null) {
            match.put("status", status);
        }
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("match", match);
        rule.put("then", then.wireName());
        return rule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutcomeRule other && toMap().equals(other.toMap());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toMap());
    }

    private static Outcome outcome(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Outcome.fromWireName(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, "must be one of " + OutcomeRules.RESULTS + ", was '" + value + "'");
        }
    }

    private static Pattern pattern(String field, String regex) {
        if (regex == null) {
            return null;
        }
        InvalidRequestException.require(!regex.isEmpty() && regex.length() <= OutcomeRules.MAX_PATTERN_CHARS, field,
                "must be a regular expression of 1 to " + OutcomeRules.MAX_PATTERN_CHARS + " characters");
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidRequestException(field, "is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex() + " of '" + regex + "'");
        }
    }
}
