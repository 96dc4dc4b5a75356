package io.hourglass.server.http;

import io.hourglass.ConflictException;
import io.hourglass.InvalidRequestException;
import io.hourglass.NotFoundException;
import io.hourglass.QueueFullException;
import io.hourglass.UnknownTaskException;
import io.hourglass.store.StoreUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every exception to the API's error body ({@link ApiError}) and status. Domain exceptions carry what the
 * client did wrong, so they map one to one; a database outage ({@link StoreUnavailableException}, also as a cause)
 * is a 503 with Retry-After, logged as one line; anything else is our fault: a 500 with a generic message, logged
 * with its stack trace and the request line.
 */
public final class ErrorMapper {
    /** What a 503 for a database outage tells clients to wait before retrying, in seconds. */
    public static final int RETRY_AFTER_OUTAGE_SECONDS = 2;
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static void install(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            respond(ctx, e.status(), e.code(), e.getMessage(), e.field());
        });
        app.exception(InvalidRequestException.class, (e, ctx) ->
                respond(ctx, 400, "invalid_request", e.getMessage(), e.field()));
        // well-formed, but nothing would run it: a 422, as for a task definition this node cannot build
        app.exception(UnknownTaskException.class, (e, ctx) ->
                respond(ctx, 422, "unprocessable", e.getMessage(), e.field()));
        app.exception(NotFoundException.class, (e, ctx) -> respond(ctx, 404, "not_found", e.getMessage(), null));
        app.exception(QueueFullException.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
            respond(ctx, 429, "queue_full", e.getMessage(), "queue");
        });
        app.exception(ConflictException.class, (e, ctx) -> respond(ctx, 409, "conflict", e.getMessage(), null));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            String allowed = allowedMethods(e);
            if (allowed != null) {
                ctx.header("Allow", allowed);
            }
            respond(ctx, e.getStatus(), codeFor(e.getStatus()), messageFor(e, ctx, allowed), null);
        });
        app.exception(StoreUnavailableException.class, (e, ctx) -> unavailable(ctx, e));
        app.exception(Exception.class, (e, ctx) -> {
            StoreUnavailableException outage = causeOf(e, StoreUnavailableException.class);
            if (outage != null) {
                unavailable(ctx, outage);
                return;
            }
            log.error("bug: unhandled error on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal_error", "internal error on " + ctx.method() + " " + ctx.path()
                    + "; the server log has the details", null);
        });
    }

    /**
     * The database is down or unreachable: nobody's bug, so a 503 that tells the client to retry, and one WARN line
     * (no stack trace: during an outage every request fails the same way).
     */
    private static void unavailable(Context ctx, StoreUnavailableException e) {
        log.warn("database unavailable, answered 503 to {} {}: {}", ctx.method(), ctx.path(), e.getMessage()
                .lines().findFirst().orElse(""));
        ctx.header("Retry-After", String.valueOf(RETRY_AFTER_OUTAGE_SECONDS));
        respond(ctx, 503, "unavailable", "the database is unavailable right now; retry in "
                + RETRY_AFTER_OUTAGE_SECONDS + " seconds (Retry-After)", null);
    }

    /** {@code e} or the first of its causes that is a {@code type}; null when none is. */
    static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The error body: {@link ApiError}, or on the container-jobs API ({@code /job}, {@code /jobs}) its own shape. */
    public static void respond(Context ctx, int status, String code, String message, String field) {
        if (isCompat(ctx.path())) {
            ctx.status(status).json(java.util.Map.of("message", message));
            return;
        }
        ctx.status(status).json(new ApiError(code, message, field));
    }

    private static String messageFor(HttpResponseException e, Context ctx, String allowed) {
        return switch (e.getStatus()) {
            case 404 -> "no endpoint " + ctx.method() + " " + ctx.path();
            case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path()
                    + (allowed == null ? "" : "; it takes " + allowed);
            case 413 -> "the request body is larger than the limit of " + HttpApp.MAX_BODY_BYTES + " bytes";
            default -> e.getMessage();
        };
    }

    /** The methods a path does take, which Javalin's 405 lists in its details; null when it lists none. */
    private static String allowedMethods(HttpResponseException e) {
        String methods = e.getStatus() == 405 ? e.getDetails().get("availableMethods") : null;
        return methods == null || methods.isBlank() ? null : methods;
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable";
            case 429 -> "too_many_requests";
            default -> "http_" + status;
        };
    }

    /** Whether a path is the container-jobs API's, whose errors have their own {@code {"message"}} shape. */
    static boolean isCompat(String path) {
        return path != null && (path.equals("/jobs") || path.equals("/job") || path.startsWith("/job/"));
    }
}
