package io.hourglass.server.console.jobs;

import io.hourglass.InvalidRequestException;
import io.hourglass.job.JobQuery;
import io.hourglass.server.api.jobs.JobQueries;
import io.hourglass.server.console.web.Fmt;
import io.hourglass.server.http.ApiException;
import io.hourglass.server.http.Params;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The jobs list's filters as they live in the URL: the same parameters as {@code GET /api/v1/jobs}, read by the
 * same code ({@link JobQueries}), so a filter that is bad input for the API is bad input here, with the same
 * field and message, shown next to that field. Time fields take an ISO-8601 instant or what a datetime-local
 * input sends ({@code 2026-05-01T12:00}, read as UTC, the zone the console shows times in).
 *
 * @param values the filter fields as typed (to fill the form again and build links)
 * @param query  the filters' query (with the page size on a list page), or null when a value was refused
 * @param field  the refused field, or null
 * @param error  why it was refused, or null
 */
public record JobFilters(Map<String, String> values, JobQuery query, String field, String error) {
    /** The text fields the form offers, in its order. */
    public static final String[] FIELDS = {"text", "state", "queue", "task", "schedule", "node", "outcome"};
    /** The time fields, as from-to pairs. */
    public static final String[] TIMES = {"createdFrom", "createdTo", "dueFrom", "dueTo"};
    private static final List<String> ALL = List.of("text", "state", "queue", "task", "schedule", "node", "outcome",
            "createdFrom", "createdTo", "dueFrom", "dueTo", "cursor");
    private static final Pattern LOCAL = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

    /** A list page's filters, with its page size ({@code limit}, as in the API). */
    static JobFilters from(Context ctx) {
        return from(ctx::queryParam, true);
    }

    /** From any source of named values: a GET's query string or a confirmation form's fields. */
    static JobFilters from(Function<String, String> param, boolean paged) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : ALL) {
            String value = param.apply(name);
            values.put(name, value == null ? "" : value.trim());
        }
        try {
            JobQuery query = JobQueries.filters(name -> asInstant(name, values.get(name)));
            if (paged) {
                Integer limit = Params.integer("limit", param.apply("limit"), 1, JobQuery.MAX_LIMIT);
                query = query.withLimit(limit == null ? JobQuery.DEFAULT_LIMIT : limit);
            }
            return new JobFilters(values, query, null, null);
        } catch (ApiException e) {
            return new JobFilters(values, null, e.field(), e.getMessage());
        } catch (InvalidRequestException e) {
            return new JobFilters(values, null, e.field(), e.getMessage());
        }
    }

    /** A datetime-local value as the UTC instant it stands for; anything else as typed. */
    private static String asInstant(String name, String value) {
        if (value == null || !Arrays.asList(TIMES).contains(name) || !LOCAL.matcher(value).matches()) {
            return value;
        }
        return (value.length() == 16 ? value + ":00" : value) + "Z";
    }

    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    /** A time field's value as a datetime-local input shows it: an instant in UTC without its zone. */
    public String localValue(String name) {
        String value = value(name);
        return value.endsWith("Z") && LOCAL.matcher(value.substring(0, value.length() - 1)).matches()
                ? value.substring(0, value.length() - 1) : value;
    }

    /** A refusal of a parameter the form has no field for (the cursor, the page size), or null. */
    public String otherError() {
        return field == null || ALL.contains(field) && !field.equals("cursor") ? null : field + ": " + error;
    }

    /** The error to show next to this field, or null. */
    public String errorFor(String name) {
        return name.equals(field) ? error : null;
    }

    /** Whether any filter is set (a bulk action over no filter at all acts on the whole history). */
    public boolean any() {
        return values.entrySet().stream().anyMatch(e -> !e.getKey().equals("cursor") && !e.getValue().isBlank());
    }

    /** The filters that are set, as hidden fields for a form: name to value. */
    public Map<String, String> set() {
        Map<String, String> set = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (!value.isBlank()) {
                set.put(name, value);
            }
        });
        return set;
    }

    /** The query string of these filters (without their cursor), "" when none is set. */
    public String queryString() {
        StringBuilder sb = new StringBuilder();
        values.forEach((name, value) -> {
            if (!value.isBlank() && !name.equals("cursor")) {
                sb.append(sb.length() == 0 ? "?" : "&").append(name).append('=').append(Fmt.url(value));
            }
        });
        return sb.toString();
    }

    /** The query string of these filters with another cursor: the "next page" link. */
    public String withCursor(String cursor) {
        String filters = queryString();
        return filters + (filters.isEmpty() ? "?" : "&") + "cursor=" + Fmt.url(cursor);
    }
}
