package io.hourglass.server.http;

import io.hourglass.internal.Instants;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Path and query parameters read strictly: a malformed value is a 400 naming the parameter, never a 500. Instants
 * must be within {@link Instants}' range.
 */
public final class Params {
    private Params() {
    }

    public static long pathId(Context ctx, String name) {
        String value = ctx.pathParam(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "must be a whole number, was '" + value + "'");
        }
    }

    public static Integer queryInt(Context ctx, String name, int min, int max) {
        return integer(name, ctx.queryParam(name), min, max);
    }

    /** A parameter's value as a whole number in {@code [min, max]}, or null when absent; else a 400 naming it. */
    public static Integer integer(String name, String value, int min, int max) {
        if (value == null) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "must be a whole number between " + min + " and " + max
                    + ", was '" + value + "'");
        }
        if (n < min || n > max) {
            throw ApiException.badRequest(name, "must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    public static int queryInt(Context ctx, String name, int min, int max, int fallback) {
        Integer n = queryInt(ctx, name, min, max);
        return n == null ? fallback : n;
    }

    public static Instant queryInstant(Context ctx, String name) {
        return instant(name, ctx.queryParam(name));
    }

    /** A parameter's value as an ISO-8601 instant, or null when absent; a malformed one is a 400 naming it. */
    public static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "must be an ISO-8601 instant such as 2024-05-01T12:00:00Z, was '"
                    + value + "'");
        }
        if (!Instants.inRange(instant)) {
            throw ApiException.badRequest(name, Instants.outOfRange(value));
        }
        return instant;
    }
}
