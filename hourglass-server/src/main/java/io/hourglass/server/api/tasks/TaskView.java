package io.hourglass.server.api.tasks;

import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutorSettings;
import io.hourglass.internal.Durations;
import io.hourglass.queue.RankerSpec;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A task as the API shows it. Tasks registered in code ({@code source: "code"}) are read-only and show what the
 * code set: queue, retry policy, timeout (their executor and ranker are code, not data). Tasks defined at runtime
 * ({@code source: "defined"}) show their whole definition, with secret-looking settings redacted, its version
 * (send it back as {@code version} to update only what you read) and whether this node runs it: a node runs a
 * defined task only when it has the executor type and the settings are within its limits.
 *
 * <p>Durations are written the way a body may send them ({@code "30s"}, {@code "5m"}), so a definition read here
 * can be edited and sent back.
 */
public record TaskView(
        String name,
        String source,
        boolean readOnly,
        boolean runsHere,
        String executor,
        Map<String, Object> settings,
        String queue,
        RetryView retry,
        String timeout,
        RankerView ranker,
        List<Map<String, Object>> outcomeRules,
        String expiresAfter,
        Long version,
        Instant updatedAt) {

    static final String CODE = "code";
    static final String DEFINED = "defined";

    /** A retry policy with durations as text and outcomes by their wire names. */
    public record RetryView(int maxAttempts, String initialDelay, double multiplier, String maxDelay, double jitter,
                     List<String> retryOn) {
        static RetryView of(RetryPolicy p) {
            return new RetryView(p.maxAttempts(), Durations.format(p.initialDelay()), p.multiplier(),
                    Durations.format(p.maxDelay()), p.jitter(), Arrays.stream(Outcome.values())
                    .filter(p.retryOn()::contains).map(Outcome::wireName).toList());
        }
    }

    /** A ranker: {@code priority} for the fixed kind, {@code unit} and {@code cap} for the others. */
    public record RankerView(String kind, Integer priority, String unit, Integer cap) {
        static RankerView of(RankerSpec r) {
            return r.kind() == RankerSpec.Kind.FIXED
                    ? new RankerView(r.kind().wireName(), r.priority(), null, null)
                    : new RankerView(r.kind().wireName(), null, Durations.format(r.unit()), r.cap());
        }
    }

    static TaskView ofCode(Task task) {
        return new TaskView(task.name(), CODE, true, true, null, null, task.queue(), RetryView.of(task.retryPolicy()),
                format(task.timeout()), null, task.outcomeRules().toList(), format(task.expiresAfter()), null, null);
    }

    /** A defined task as shown everywhere (API and console): its settings {@link ExecutorSettings#redacted}. */
    public static TaskView ofDefinition(TaskDefinition d, boolean runsHere) {
        return new TaskView(d.name(), DEFINED, false, runsHere, d.executor(), ExecutorSettings.redacted(d.settings()),
                d.queue(), RetryView.of(d.retryPolicy()), format(d.timeout()), RankerView.of(d.ranker()),
                d.outcomeRules().toList(), format(d.expiresAfter()), d.version(), d.updatedAt());
    }

    private static String format(Duration value) {
        return value == null ? null : Durations.format(value);
    }
}
