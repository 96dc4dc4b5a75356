package io.hourglass.feed;

import io.hourglass.InvalidRequestException;
import io.hourglass.internal.Durations;
import io.hourglass.internal.Names;
import io.hourglass.job.JobRequest;
import io.hourglass.schedule.CronSpec;
import io.hourglass.task.TaskDefinition;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A feed as data: an HTTP source polled on an interval or a cron, whose JSON items become jobs through a mapping.
 * Each poll is a job of the built-in task {@link #POLL_TASK}, fired by the feed's own schedule
 * ({@link #scheduleName()}), so it is planned once in a cluster, has attempts and is retried.
 *
 * <p>Everything is checked here, with the field at fault named the way a client wrote it ({@code every},
 * {@code taskFrom.map.coned}, {@code kwargs.account}); only task names are checked later, against what the
 * cluster runs. Templates ({@code kwargs}, {@code args}, {@code dedupKey}) take item fields as {@code ${/pointer}}
 * (RFC 6901; {@code ${/}} is the whole item); a string that is exactly one placeholder keeps the field's JSON type.
 * Header values may hold {@code ${secret:NAME}}, put in from the node's secrets at poll time only.
 *
 * @param name             the feed's name (a task-name-like word)
 * @param url              http or https
 * @param every            the interval as written ({@code "5m"}); exactly one of {@code every} and {@code cron}
 * @param cron             a cron expression, evaluated in {@code zone} (default UTC)
 * @param headers          request headers; values may refer to secrets
 * @param items            a JSON Pointer to the array of items; empty for a document that is the array
 * @param task             the task of every job; exactly one of {@code task} and {@code taskFrom}
 * @param taskFrom         the task chosen by an item field's value
 * @param kwargs           the jobs' kwargs template; default: the whole item ({@code "${/}"}) when it is an object
 * @param args             the jobs' args template; default none
 * @param dedupKey         the jobs' dedup key template, or null for none (then every poll creates every job)
 * @param timeout          how long one poll's HTTP exchange may take, as written; default {@link #DEFAULT_TIMEOUT}
 * @param maxResponseBytes the largest body a poll reads; default {@link #DEFAULT_MAX_RESPONSE_BYTES}
 * @param createdAt        set by the store
 * @param updatedAt        set by the store
 */
public record Feed(
        String name,
        String url,
        String every,
        String cron,
        String zone,
        Map<String, String> headers,
        String items,
        String task,
        TaskFrom taskFrom,
        Map<String, Object> kwargs,
        List<Object> args,
        String dedupKey,
        String queue,
        Integer priority,
        String timeout,
        Long maxResponseBytes,
        Instant createdAt,
        Instant updatedAt) {

    /** The built-in task whose jobs poll feeds; its kwargs name the feed ({@code {"feed": "accounts"}}). */
    public static final String POLL_TASK = "hourglass.feed-poll";
    /** The queue of poll jobs, apart from the jobs feeds create so a backlog of those never delays a poll. */
    public static final String POLL_QUEUE = "feeds";
    /** Schedules of feeds are named this plus the feed's name. */
    public static final String SCHEDULE_PREFIX = "feed:";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L * 1024 * 1024;
    public static final long MAX_RESPONSE_BYTES = 1024L * 1024 * 1024;
    public static final Duration MIN_EVERY = Duration.ofSeconds(1);
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern SECRET = Pattern.compile("\\$\\{secret:([A-Za-z0-9_]*)}");

    /**
     * The task chosen by an item's field: the field's value (a string, number or boolean, as text) looked up in
     * {@code map}; an item whose value is not there gets {@code otherwise}: {@code "skip"} (counted, not a job),
     * {@code "error"} (refused with the reason, the default) or a task name.
     */
    public record TaskFrom(String field, Map<String, String> map, String otherwise) {
        public static final String SKIP = "skip";
        public static final String ERROR = "error";

        public TaskFrom {
            FeedTemplates.requirePointer("taskFrom.field", field);
            InvalidRequestException.require(map != null && !map.isEmpty(), "taskFrom.map",
                    "must map at least one field value to a task, such as {\"coned\": \"scrape-coned\"}");
            map = Collections.unmodifiableMap(new LinkedHashMap<>(map));
            map.forEach((value, task) -> requireTaskName("taskFrom.map." + value, task));
            otherwise = otherwise == null ? ERROR : otherwise;
            if (!otherwise.equals(SKIP) && !otherwise.equals(ERROR)) {
                requireTaskName("taskFrom.otherwise", otherwise);
            }
        }

        /** The task for an item whose field reads {@code value} (null when absent): a task, SKIP or ERROR. */
        public String taskFor(String value) {
            String mapped = value == null ? null : map.get(value);
            return mapped != null ? mapped : otherwise;
        }
    }

    public Feed {
        InvalidRequestException.require(name != null && TaskDefinition.NAME.matcher(name).matches(), "name",
                "must be 1-200 letters, digits, '.', '_', ':' or '-', starting with a letter or digit, was '"
                        + name + "'");
        requireUrl(url);
        InvalidRequestException.require(every != null ^ cron != null, every == null ? "every" : "cron",
                "give exactly one of 'every' (an interval such as \"5m\") and 'cron'");
        if (every != null) {
            Duration interval = duration("every", every);
            InvalidRequestException.require(interval.compareTo(MIN_EVERY) >= 0, "every",
                    "must be at least " + MIN_EVERY.toSeconds() + "s, was " + every);
            InvalidRequestException.require(zone == null, "zone", "only applies with 'cron'");
        }
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new InvalidRequestException("zone", "not an IANA time zone such as Europe/Paris: '" + zone + "'");
            }
        }
        if (cron != null) {
            Names.require("cron", cron, CronSpec.MAX_LENGTH);
            CronSpec.parse(cron, zone == null ? ZoneId.of("UTC") : ZoneId.of(zone)); // names the field "cron"
        }
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        headers.forEach(Feed::requireHeader);
        items = items == null ? "" : items;
        FeedTemplates.requirePointer("items", items);
        InvalidRequestException.require(task != null ^ taskFrom != null, task == null ? "task" : "taskFrom",
                "give exactly one of 'task' (a task name) and 'taskFrom' (the task by an item field)");
        if (task != null) {
            requireTaskName("task", task);
        }
        kwargs = kwargs == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        args = args == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(args));
        FeedTemplates.requireTemplate("kwargs", kwargs == null ? Map.of() : kwargs);
        FeedTemplates.requireTemplate("args", args);
        if (dedupKey != null) {
            InvalidRequestException.require(!dedupKey.isBlank(), "dedupKey", "must not be blank");
            FeedTemplates.requireTemplate("dedupKey", dedupKey);
        }
        Names.optional("queue", queue, JobRequest.MAX_NAME_LENGTH);
        if (timeout != null) {
            InvalidRequestException.require(!duration("timeout", timeout).isZero(), "timeout",
                    "must be positive, was " + timeout);
        }
        maxResponseBytes = maxResponseBytes == null ? DEFAULT_MAX_RESPONSE_BYTES : maxResponseBytes;
        InvalidRequestException.require(maxResponseBytes >= 1 && maxResponseBytes <= MAX_RESPONSE_BYTES,
                "maxResponseBytes", "must be between 1 and " + MAX_RESPONSE_BYTES + ", was " + maxResponseBytes);
    }

    /** The name of the schedule that fires this feed's polls. */
    public String scheduleName() {
        return SCHEDULE_PREFIX + name;
    }

    /** The interval, or null for a cron feed. */
    public Duration interval() {
        return every == null ? null : Durations.parse(every);
    }

    /** The cron's zone: {@link #zone} or UTC. */
    public ZoneId zoneId() {
        return zone == null ? ZoneId.of("UTC") : ZoneId.of(zone);
    }

    public Duration pollTimeout() {
        return timeout == null ? DEFAULT_TIMEOUT : Durations.parse(timeout);
    }

    /** The kwargs template to apply: as given, or the whole item. */
    public Object kwargsTemplate() {
        return kwargs == null ? FeedTemplates.WHOLE_ITEM : kwargs;
    }

    /** Every task the feed may create jobs of. */
    public List<String> tasks() {
        if (task != null) {
            return List.of(task);
        }
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(taskFrom.map().values());
        if (!taskFrom.otherwise().equals(TaskFrom.SKIP) && !taskFrom.otherwise().equals(TaskFrom.ERROR)) {
            all.add(taskFrom.otherwise());
        }
        return List.copyOf(all);
    }

    /** The field a task name came from, for messages: {@code task}, {@code taskFrom.map.<value>}, ... */
    public String fieldOfTask(String taskName) {
        if (taskName.equals(task)) {
            return "task";
        }
        for (Map.Entry<String, String> entry : taskFrom.map().entrySet()) {
            if (entry.getValue().equals(taskName)) {
                return "taskFrom.map." + entry.getKey();
            }
        }
        return "taskFrom.otherwise";
    }

    /** The headers fit to show: a value that refers to a secret, or names a credential, is masked. */
    public Map<String, String> maskedHeaders() {
        Map<String, String> shown = new LinkedHashMap<>();
        headers.forEach((key, value) -> {
            String lower = key.toLowerCase(Locale.ROOT);
            boolean sensitive = lower.contains("authorization") || lower.contains("token") || lower.contains("key")
                    || lower.contains("cookie") || lower.contains("secret");
            shown.put(key, sensitive && !value.contains("${secret:") ? io.hourglass.executor.ExecutorSettings.REDACTED
                    : value);
        });
        return shown;
    }

    /** As stored: with the store's times. */
    public Feed saved(Instant created, Instant updated) {
        return new Feed(name, url, every, cron, zone, headers, items, task, taskFrom, kwargs, args, dedupKey, queue,
                priority, timeout, maxResponseBytes, created, updated);
    }

    private static void requireUrl(String url) {
        InvalidRequestException.require(url != null && !url.isBlank(), "url", "is required (an http or https URL)");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("url", "not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        InvalidRequestException.require((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null,
                "url", "must be an http or https URL with a host, was '" + url + "'");
    }

    private static void requireHeader(String key, String value) {
        InvalidRequestException.require(key != null && HEADER_NAME.matcher(key).matches(), "headers." + key,
                "not a valid HTTP header name");
        InvalidRequestException.require(value != null && value.indexOf('\r') < 0 && value.indexOf('\n') < 0,
                "headers." + key, "must be a string on one line");
        var m = SECRET.matcher(value);
        while (m.find()) {
            InvalidRequestException.require(!m.group(1).isEmpty(), "headers." + key,
                    "${secret:NAME} needs a name of letters, digits and '_'");
        }
    }

    private static void requireTaskName(String field, String task) {
        InvalidRequestException.require(task != null && TaskDefinition.NAME.matcher(task).matches(), field,
                "must be a task name (letters, digits, '.', '_', ':' or '-'), was '" + task + "'");
    }

    private static Duration duration(String field, String text) {
        try {
            Duration value = Durations.parse(text);
            InvalidRequestException.require(!value.isNegative(), field, "must be positive, was " + text);
            return value;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
    }
}
