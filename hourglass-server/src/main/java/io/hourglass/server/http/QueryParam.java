package io.hourglass.server.http;

import io.javalin.http.Context;
import java.time.Instant;

/**
 * A query parameter a route declares: its name, the Java type its value reads as (the API docs describe it from
 * this type), what it means, and whether it is required. The route reads its value through the same object, so
 * the parameters it documents are the parameters it parses; any other parameter is refused before the handler
 * runs ({@link Routes}).
 */
public record QueryParam(String name, Class<?> type, String description, boolean required) {

    public static QueryParam string(String name, String description) {
        return new QueryParam(name, String.class, description, false);
    }

    public static QueryParam instant(String name, String description) {
        return new QueryParam(name, Instant.class, description, false);
    }

    public static QueryParam integer(String name, String description) {
        return new QueryParam(name, Integer.class, description, false);
    }

    /** The same parameter, required. */
    public QueryParam asRequired() {
        return new QueryParam(name, type, description, true);
    }

    /** The raw value, or null when absent. */
    public String value(Context ctx) {
        return ctx.queryParam(name);
    }

    /** An ISO-8601 instant, or null when absent; a malformed one is a 400 naming this parameter. */
    public Instant instant(Context ctx) {
        return Params.queryInstant(ctx, name);
    }

    /** A whole number in {@code [min, max]}, or null when absent; else a 400 naming this parameter. */
    public Integer integer(Context ctx, int min, int max) {
        return Params.queryInt(ctx, name, min, max);
    }

    /** A whole number in {@code [min, max]}, or {@code fallback} when absent. */
    public int integer(Context ctx, int min, int max, int fallback) {
        return Params.queryInt(ctx, name, min, max, fallback);
    }
}
