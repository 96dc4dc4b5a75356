package io.hourglass.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options that define a schedule, shared by {@code schedules create} and {@code schedules update}: when it
 * fires (one of {@code --cron} with {@code --zone}, {@code --every}, {@code --once}), what it enqueues and how
 * missed fires are handled. Only options given become body fields.
 */
final class ScheduleOptions {
    @Option(names = "--cron", paramLabel = "EXPRESSION", description = "a cron expression, e.g. '0 3 * * *'")
    String cron;
    @Option(names = "--zone", paramLabel = "ZONE", description = "the cron's IANA time zone (default UTC)")
    String zone;
    @Option(names = "--every", paramLabel = "DURATION", description = "a fixed interval, e.g. 30s, 5m, PT1H")
    String every;
    @Option(names = "--once", paramLabel = "INSTANT", description = "fire once, at this ISO-8601 instant")
    String once;
    @Option(names = "--args", paramLabel = "JSON", description = "the jobs' positional arguments, a JSON array")
    String args;
    @Option(names = "--kwargs", paramLabel = "JSON", description = "the jobs' keyword arguments, a JSON object")
    String kwargs;
    @Option(names = "--queue", paramLabel = "QUEUE", description = "the jobs' queue (default: the task's queue)")
    String queue;
    @Option(names = "--priority", paramLabel = "N", description = "the jobs' priority")
    Integer priority;
    @Option(names = "--start-at", paramLabel = "INSTANT", description = "no fire before this ISO-8601 instant")
    String startAt;
    @Option(names = "--end-at", paramLabel = "INSTANT", description = "no fire after this ISO-8601 instant")
    String endAt;
    @Option(names = "--misfire-policy", paramLabel = "POLICY",
            description = "fires missed while no node ran: skip, run_once or run_all")
    String misfirePolicy;
    @Option(names = "--misfire-cap", paramLabel = "N", description = "run_all runs at most N missed fires")
    Integer misfireCap;
    @Option(names = "--skip-if-pending", paramLabel = "BOOLEAN", arity = "0..1", fallbackValue = "true",
            description = "true: a fire whose previous job is still scheduled or running creates nothing (counted as"
                    + " skipped); default false")
    Boolean skipIfPending;
    @Option(names = "--allow-unknown-task", paramLabel = "BOOLEAN", arity = "0..1", fallbackValue = "true",
            description = "true: accept a task no node knows (e.g. one only remote workers run); refused (422)"
                    + " otherwise")
    Boolean allowUnknownTask;
    @Option(names = "--matrix", paramLabel = "JSON", description = "one job per combination at each fire, e.g."
            + " '{\"partner\": [\"acme\", \"globex\"], \"browser\": [\"chrome\"], \"exclude\": [...], \"include\": [...]}'"
            + " (GitHub Actions' rules; at most 256 combinations)")
    String matrix;
    @Option(names = "--expires-after", paramLabel = "DURATION",
            description = "a job not started this long after its due time is not run (ends expired), e.g. 3m")
    String expiresAfter;

    /** How many of the timing options (--cron, --every, --once) were given: they exclude each other. */
    int timings() {
        int given = (cron != null ? 1 : 0) + (every != null ? 1 : 0) + (once != null ? 1 : 0);
        if (given > 1) {
            throw new HourglassCommand.UsageError("give one of --cron, --every or --once, not " + given);
        }
        return given;
    }

    /** The fields given, for a new schedule. */
    Map<String, Object> fields() {
        timings();
        Map<String, Object> body = new LinkedHashMap<>();
        RequestParts.putIfSet(body, "cron", cron);
        RequestParts.putIfSet(body, "zone", zone);
        RequestParts.putIfSet(body, "every", every);
        RequestParts.putIfSet(body, "once", once);
        RequestParts.putArguments(body, args, kwargs);
        RequestParts.putIfSet(body, "queue", queue);
        RequestParts.putIfSet(body, "priority", priority);
        RequestParts.putIfSet(body, "startAt", startAt);
        RequestParts.putIfSet(body, "endAt", endAt);
        RequestParts.putIfSet(body, "misfirePolicy", misfirePolicy);
        RequestParts.putIfSet(body, "misfireCap", misfireCap);
        RequestParts.putIfSet(body, "skipIfPending", skipIfPending);
        RequestParts.putIfSet(body, "allowUnknownTask", allowUnknownTask);
        if (matrix != null) {
            body.put("matrix", RequestParts.jsonObject(matrix, "--matrix"));
        }
        RequestParts.putIfSet(body, "expiresAfter", expiresAfter);
        return body;
    }

    /**
     * The change to an existing schedule as a JSON merge patch (RFC 7396): the fields given, and a null for each
     * timing field the new timing replaces, so {@code --every 5m} on a cron schedule drops its cron and zone while
     * {@code --cron} alone keeps the zone.
     */
    Map<String, Object> patch() {
        Map<String, Object> patch = new LinkedHashMap<>();
        if (cron != null) {
            patch.put("every", null);
            patch.put("once", null);
        }
        if (every != null || once != null) {
            patch.put("cron", null);
            patch.put("zone", null);
            patch.put(every != null ? "once" : "every", null);
        }
        patch.putAll(fields());
        return patch;
    }
}
