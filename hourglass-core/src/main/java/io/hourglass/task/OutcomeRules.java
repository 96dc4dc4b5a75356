package io.hourglass.task;

import io.hourglass.InvalidRequestException;
import io.hourglass.attempt.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A task's ordered outcome rules: applied to every attempt's result before its retry is decided, the first rule
 * that matches decides the attempt's outcome; with none matching the reported outcome stands. This is how a check
 * that "succeeded" but printed {@code SessionNotCreated} becomes an infra_error (and is retried as one), whatever
 * ran it: a Java handler, a shell command, a webhook, a container, a Celery worker or a remote worker. Cancelled
 * attempts are never reclassified. The attempt keeps the reported outcome and the index of the rule.
 */
public record OutcomeRules(List<OutcomeRule> rules) {
    /** No rules: every reported outcome stands. */
    public static final OutcomeRules NONE = new OutcomeRules(List.of());
    /** At most this many rules per task, each pattern at most {@link #MAX_PATTERN_CHARS}. */
    public static final int MAX_RULES = 50;
    static final int MAX_PATTERN_CHARS = 1000;
    static final String RESULTS = "succeeded, failed, infra_error, timed_out";
    private static final String FIELD = "outcomeRules";

    /** The outcome an attempt gets, and which rule gave it (null when none matched: the reported one stands). */
    public record Verdict(Outcome outcome, Integer rule) {
    }

    public OutcomeRules {
        rules = rules == null ? List.of() : List.copyOf(rules);
        InvalidRequestException.require(rules.size() <= MAX_RULES, FIELD,
                "at most " + MAX_RULES + " rules, was " + rules.size());
    }

    /** The verdict on one attempt's result; cancelled stays cancelled. */
    public Verdict apply(Outcome reported, String error, String output, Integer exitCode, Integer status) {
        if (reported != Outcome.CANCELLED) {
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).matches(reported, error, output, exitCode, status)) {
                    return new Verdict(rules.get(i).then(), i);
                }
            }
        }
        return new Verdict(reported, null);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * Reads rules in their JSON shape, {@code [{"match": {"output": "SessionNotCreated"}, "then": "infra_error"}]};
     * a refusal names the rule and condition, e.g. {@code outcomeRules[1].match.error}. Null reads as no rules.
     */
    public static OutcomeRules fromList(List<?> json) {
        if (json == null) {
            return NONE;
        }
        List<OutcomeRule> rules = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            String field = FIELD + "[" + i + "]";
            InvalidRequestException.require(json.get(i) instanceof Map<?, ?>, field,
                    "must be an object {match: {...}, then: outcome}");
            Map<?, ?> rule = (Map<?, ?>) json.get(i);
            for (Object key : rule.keySet()) {
                InvalidRequestException.require("match".equals(key) || "then".equals(key), field + "." + key,
                        "is not a field of a rule (match, then)");
            }
            InvalidRequestException.require(rule.get("match") instanceof Map<?, ?>, field + ".match",
                    "must be an object with outcome, error, output, exitCode or status");
            Map<?, ?> match = (Map<?, ?>) rule.get("match");
            for (Object key : match.keySet()) {
                InvalidRequestException.require(List.of("outcome", "error", "output", "exitCode", "status")
                        .contains(key), field + ".match." + key,
                        "is not a condition (outcome, error, output, exitCode, status)");
            }
            rules.add(OutcomeRule.of(field, text(field + ".match.outcome", match.get("outcome")),
                    text(field + ".match.error", match.get("error")), text(field + ".match.output", match.get("output")),
                    integer(field + ".match.exitCode", match.get("exitCode")),
                    integer(field + ".match.status", match.get("status")), text(field + ".then", rule.get("then"))));
        }
        return new OutcomeRules(rules);
    }

    /** The rules in their JSON shape, the inverse of {@link #fromList}. */
    public List<Map<String, Object>> toList() {
        return rules.stream().map(OutcomeRule::toMap).toList();
    }

    private static String text(String field, Object value) {
        InvalidRequestException.require(value == null || value instanceof String, field, "must be text, was " + value);
        return (String) value;
    }

    private static Integer integer(String field, Object value) {
        InvalidRequestException.require(value == null || value instanceof Integer, field,
                "must be a whole number, was " + value);
        return (Integer) value;
    }
}
