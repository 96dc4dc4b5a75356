package io.hourglass.jdbc;

import io.hourglass.HourglassException;
import io.hourglass.attempt.Outcome;
import io.hourglass.queue.RankerSpec;
import io.hourglass.task.OutcomeRules;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.TaskDefinition;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A task definition as the columns of {@code hourglass_task_definitions}. The retry policy and the ranker are
 * written as explicit JSON maps, key by key, rather than by serializing the records: what is stored is a format of
 * its own that a renamed Java field cannot change. Durations are whole milliseconds; outcomes and ranker kinds
 * their wire names.
 */
final class TaskDefinitionColumns {
    static final String COLUMNS = "name, executor, settings, queue, retry, timeout_ms, ranker, version, created_at,"
            + " updated_at, outcome_rules, expires_after_ms";

    private TaskDefinitionColumns() {
    }

    /**
     * Binds executor, settings, queue, retry, timeout_ms, ranker, version, updated_at, outcome_rules and
     * expires_after_ms as parameters {@code first} to {@code first + 9}; returns the next index.
     */
    static int bindDefinition(PreparedStatement ps, int first, TaskDefinition definition, long version,
                              JsonCodec json) throws SQLException {
        int p = first;
        ps.setString(p++, definition.executor());
        ps.setString(p++, json.object("settings", definition.settings()));
        ps.setString(p++, definition.queue());
        ps.setString(p++, json.object("retryPolicy", retry(definition.retryPolicy())));
        Sql.setLong(ps, p++, Sql.millis(definition.timeout()));
        ps.setString(p++, json.object("ranker", ranker(definition.ranker())));
        ps.setLong(p++, version);
        Sql.setInstant(ps, p++, definition.updatedAt());
        ps.setString(p++, definition.outcomeRules().isEmpty() ? null
                : json.object("outcomeRules", Map.of("rules", definition.outcomeRules().toList())));
        Sql.setLong(ps, p++, Sql.millis(definition.expiresAfter()));
        return p;
    }

    static TaskDefinition read(ResultSet rs, JsonCodec json) throws SQLException {
        String name = rs.getString("name");
        try {
            return new TaskDefinition(
                    name,
                    rs.getString("executor"),
                    json.readObject(rs.getString("settings"), () -> "settings of task '" + name + "'"),
                    rs.getString("queue"),
                    retryPolicy(json.readObject(rs.getString("retry"), () -> "retry policy of task '" + name + "'")),
                    Sql.millis(rs, "timeout_ms"),
                    rankerSpec(json.readObject(rs.getString("ranker"), () -> "ranker of task '" + name + "'")),
                    outcomeRules(rs.getString("outcome_rules"), name, json),
                    Sql.millis(rs, "expires_after_ms"),
                    rs.getLong("version"),
                    Sql.instant(rs, "updated_at"));
        } catch (StoreException e) {
            throw e;
        } catch (HourglassException | IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new StoreException("stored definition of task '" + name + "' is malformed: " + e.getMessage(), e);
        }
    }

    private static OutcomeRules outcomeRules(String stored, String name, JsonCodec json) {
        return stored == null ? OutcomeRules.NONE : OutcomeRules.fromList(
                list(json.readObject(stored, () -> "outcome rules of task '" + name + "'"), "rules"));
    }

    static Map<String, Object> retry(RetryPolicy policy) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("maxAttempts", policy.maxAttempts());
        map.put("initialDelayMs", policy.initialDelay().toMillis());
        map.put("multiplier", policy.multiplier());
        map.put("maxDelayMs", policy.maxDelay().toMillis());
        map.put("jitter", policy.jitter());
        map.put("retryOn", policy.retryOn().stream().map(Outcome::wireName).sorted().toList());
        return map;
    }

    static RetryPolicy retryPolicy(Map<String, Object> map) {
        Set<Outcome> retryOn = EnumSet.noneOf(Outcome.class);
        for (Object outcome : list(map, "retryOn")) {
            retryOn.add(Outcome.fromWireName((String) outcome));
        }
        return new RetryPolicy(
                number(map, "maxAttempts").intValue(),
                Duration.ofMillis(number(map, "initialDelayMs").longValue()),
                number(map, "multiplier").doubleValue(),
                Duration.ofMillis(number(map, "maxDelayMs").longValue()),
                number(map, "jitter").doubleValue(),
                retryOn);
    }

    static Map<String, Object> ranker(RankerSpec spec) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", spec.kind().wireName());
        map.put("priority", spec.priority());
        map.put("unitMs", spec.unit() == null ? null : spec.unit().toMillis());
        map.put("cap", spec.cap());
        return map;
    }

    static RankerSpec rankerSpec(Map<String, Object> map) {
        Object unit = map.get("unitMs");
        return new RankerSpec(
                RankerSpec.Kind.fromWireName((String) map.get("kind")),
                number(map, "priority").intValue(),
                unit == null ? null : Duration.ofMillis(((Number) unit).longValue()),
                number(map, "cap").intValue());
    }

    private static Number number(Map<String, Object> map, String key) {
        if (!(map.get(key) instanceof Number number)) {
            throw new IllegalArgumentException("'" + key + "' must be a number, was " + map.get(key));
        }
        return number;
    }

    private static List<?> list(Map<String, Object> map, String key) {
        if (!(map.get(key) instanceof List<?> values)) {
            throw new IllegalArgumentException("'" + key + "' must be a list, was " + map.get(key));
        }
        return new ArrayList<>(values);
    }
}
