package io.hourglass.server.api.tasks;

import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutorSettings;
import io.hourglass.internal.Durations;
import io.hourglass.queue.RankerSpec;
import io.hourglass.task.OutcomeRule;
import io.hourglass.task.OutcomeRules;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.TaskDefinition;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task definition as a client sends it to {@code PUT /api/v1/tasks/{name}}. Only {@code executor} is required;
 * absent fields take the defaults (queue {@code default}, the default retry policy, no timeout, priority 0).
 * Durations are {@code "500ms"}, {@code "30s"}, {@code "5m"}, {@code "2h"}, {@code "1d"} or ISO-8601.
 *
 * <p>Everything checked here is the shape of the body (a 400 naming the field); the settings are the executor
 * type's to check, when the task is defined (a 422).
 *
 * @param name    optional; when given it must be the name in the path
 * @param outcomeRules ordered rules applied to every attempt's result before its retry is decided: the first
 *                whose {@code match} holds gives the attempt its {@code then} outcome
 * @param expiresAfter a job not started this long after its due time is not run and ends {@code expired}
 * @param version the version last read, for an update that must not overwrite somebody else's (0: must be new);
 *                absent to save whatever is stored
 */
public record TaskBody(
        String name,
        String executor,
        Map<String, Object> settings,
        String queue,
        RetryBody retry,
        String timeout,
        RankerBody ranker,
        List<OutcomeRuleBody> outcomeRules,
        String expiresAfter,
        Long version) {

    /** One outcome rule: every condition given in {@code match} must hold; regular expressions are found anywhere. */
    record OutcomeRuleBody(MatchBody match, String then) {
    }

    /** The conditions of an outcome rule; absent ones match anything. */
    record MatchBody(String outcome, String error, String output, Integer exitCode, Integer status) {
    }

    /** The rules in order; a refusal names the rule and condition, e.g. {@code outcomeRules[0].match.error}. */
    static OutcomeRules toRules(List<OutcomeRuleBody> bodies) {
        if (bodies == null) {
            return null;
        }
        List<OutcomeRule> rules = new java.util.ArrayList<>(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            String field = "outcomeRules[" + i + "]";
            OutcomeRuleBody body = bodies.get(i);
            InvalidRequestException.require(body != null && body.match() != null, field + ".match",
                    "is required: an object with outcome, error, output, exitCode or status");
            MatchBody m = body.match();
            rules.add(OutcomeRule.of(field, m.outcome(), m.error(), m.output(), m.exitCode(), m.status(), body.then()));
        }
        return new OutcomeRules(rules);
    }

    /** A retry policy; absent fields keep the default policy's values. */
    public record RetryBody(Integer maxAttempts, String initialDelay, Double multiplier, String maxDelay, Double jitter,
                     List<String> retryOn) {
        /**
         * @throws InvalidRequestException naming {@code retry.<field>}
         */
        RetryPolicy toPolicy() {
            RetryPolicy d = RetryPolicy.DEFAULT;
            try {
                return new RetryPolicy(maxAttempts == null ? d.maxAttempts() : maxAttempts,
                        initialDelay == null ? d.initialDelay() : duration("initialDelay", initialDelay),
                        multiplier == null ? d.multiplier() : multiplier,
                        maxDelay == null ? d.maxDelay() : duration("maxDelay", maxDelay),
                        jitter == null ? d.jitter() : jitter,
                        retryOn == null ? d.retryOn() : outcomes(retryOn));
            } catch (InvalidRequestException e) {
                throw prefixed("retry.", e);
            }
        }

        /** Exactly the outcomes listed are retried: listing {@code retryOn} replaces the default (infra_error). */
        private static Set<Outcome> outcomes(List<String> names) {
            Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
            for (String name : names) {
                try {
                    outcomes.add(Outcome.fromWireName(name));
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequestException("retryOn", "must list failed, infra_error or timed_out, was '"
                            + name + "'");
                }
            }
            return outcomes;
        }
    }

    /**
     * A built-in ranker: {@code fixed} with {@code priority}, or {@code age_based} or
     * {@code time_since_last_success} with {@code unit} and {@code cap}.
     */
    public record RankerBody(String kind, Integer priority, String unit, Integer cap) {
        RankerSpec toSpec() {
            InvalidRequestException.require(kind != null, "ranker.kind",
                    "is required: fixed, age_based or time_since_last_success");
            RankerSpec.Kind k = RankerSpec.Kind.fromWireName(kind);
            if (k == RankerSpec.Kind.FIXED) {
                InvalidRequestException.require(unit == null && cap == null,
                        unit != null ? "ranker.unit" : "ranker.cap",
                        "only applies to the age_based and time_since_last_success rankers");
                return RankerSpec.fixed(priority == null ? 0 : priority);
            }
            InvalidRequestException.require(priority == null, "ranker.priority", "only applies to the fixed ranker");
            InvalidRequestException.require(unit != null, "ranker.unit", "is required by the " + kind + " ranker");
            InvalidRequestException.require(cap != null, "ranker.cap", "is required by the " + kind + " ranker");
            return new RankerSpec(k, 0, duration("ranker.unit", unit), cap);
        }
    }

    /**
     * The definition for the task named in the path.
     *
     * @throws InvalidRequestException naming the field at fault
     */
    public TaskDefinition toDefinition(String pathName) {
        InvalidRequestException.require(name == null || name.equals(pathName), "name",
                "the body names '" + name + "' but the path names '" + pathName + "'");
        InvalidRequestException.require(version == null || version >= 0, "version",
                "must be 0 (a new task) or the version last read, was " + version);
        return new TaskDefinition(pathName, executor, settings, queue, retry == null ? null : retry.toPolicy(),
                timeout == null ? null : duration("timeout", timeout), ranker == null ? null : ranker.toSpec(),
                toRules(outcomeRules), expiresAfter == null ? null : duration("expiresAfter", expiresAfter), 0, null);
    }

    /**
     * A definition sent after an edit of what the API or the console showed, with the settings still shown masked
     * put back to their stored values ({@link ExecutorSettings#restoreRedacted}): the one masking rule, both ways.
     */
    public static TaskDefinition keepingMaskedSettings(TaskDefinition sent, HourglassClient client) {
        return client.taskDefinition(sent.name())
                .map(stored -> sent.withSettings(ExecutorSettings.restoreRedacted(sent.settings(), stored.settings())))
                .orElse(sent);
    }

    private static Duration duration(String field, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
    }

    private static InvalidRequestException prefixed(String prefix, InvalidRequestException e) {
        if (e.field() == null) {
            return e;
        }
        String own = e.field() + ": ";
        String rule = e.getMessage().startsWith(own) ? e.getMessage().substring(own.length()) : e.getMessage();
        return new InvalidRequestException(prefix + e.field(), rule);
    }
}
