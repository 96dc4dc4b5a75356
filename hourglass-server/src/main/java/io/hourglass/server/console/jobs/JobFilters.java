package io.hourglass.server.console.jobs;

import io.hourglass.InvalidRequestException;
import io.hourglass.job.JobQuery;
import io.hourglass.server.api.jobs.JobQueries;
import io.hourglass.server.http.ApiException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The jobs list's filters as they live in the URL: the same query parameters as {@code GET /api/v1/jobs}, read by
 * the same code ({@link JobQueries}), so a filter that is bad input for the API is bad input here, with the same
 * field and message, shown next to that field.
 *
 * @param values the filter fields as typed (to fill the form again and build the next page's link)
 * @param query  the query to run, or null when a value was refused
 * @param field  the refused field, or null
 * @param error  why it was refused, or null
 */
public record JobFilters(Map<String, String> values, JobQuery query, String field, String error) {
    /** The fields the form offers, in its order. */
    public static final String[] FIELDS = {"state", "queue", "task", "schedule", "node", "outcome"};

    static JobFilters from(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : FIELDS) {
            String value = ctx.queryParam(name);
            values.put(name, value == null ? "" : value);
        }
        try {
            return new JobFilters(values, JobQueries.from(ctx), null, null);
        } catch (ApiException e) {
            return new JobFilters(values, null, e.field(), e.getMessage());
        } catch (InvalidRequestException e) {
            return new JobFilters(values, null, e.field(), e.getMessage());
        }
    }

    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    /** A refusal of a parameter the form has no field for (cursor, limit, time ranges), or null. */
    public String otherError() {
        return field == null || java.util.Arrays.asList(FIELDS).contains(field) ? null : field + ": " + error;
    }

    /** The error to show next to this field, or null. */
    public String errorFor(String name) {
        return name.equals(field) ? error : null;
    }

    /** The query string of these filters with another cursor: the "next page" link. */
    public String withCursor(String cursor) {
        StringBuilder sb = new StringBuilder();
        values.forEach((name, value) -> {
            if (!value.isBlank()) {
                sb.append(sb.length() == 0 ? "?" : "&").append(name).append('=')
                        .append(io.hourglass.server.console.web.Fmt.url(value));
            }
        });
        return sb.append(sb.length() == 0 ? "?" : "&").append("cursor=")
                .append(io.hourglass.server.console.web.Fmt.url(cursor)).toString();
    }
}
