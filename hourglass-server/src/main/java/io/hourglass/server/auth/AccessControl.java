package io.hourglass.server.auth;

import io.hourglass.server.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the bearer token of each request against the role the request needs. Health checks, metrics and the API
 * docs are public. Reads need {@code read}; changes need {@code write}; queue settings and task definitions need
 * {@code admin} (a defined task decides what code or URL the nodes run). In open mode (loopback, no tokens: see
 * {@code HourglassServer}) every request passes, so local clients work unchanged.
 */
public final class AccessControl {
    private final TokenStore tokens;
    private final boolean open;

    public AccessControl(TokenStore tokens, boolean open) {
        this.tokens = tokens;
        this.open = open;
    }

    public boolean isOpen() {
        return open;
    }

    public void check(Context ctx) {
        if (open || isPublic(ctx.path()) || ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        Role needed = neededRole(ctx.method(), ctx.path());
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthorized", null,
                    "this server needs an API token: send 'Authorization: Bearer <token>'",
                    Map.of("WWW-Authenticate", "Bearer realm=\"hourglass\""));
        }
        Optional<Role> role = tokens.roleOf(header.substring(7).trim());
        if (role.isEmpty()) {
            throw new ApiException(401, "unauthorized", null, "the API token is not valid (unknown or revoked)",
                    Map.of("WWW-Authenticate", "Bearer realm=\"hourglass\", error=\"invalid_token\""));
        }
        if (!role.get().allows(needed)) {
            throw new ApiException(403, "forbidden", null, ctx.method() + " " + ctx.path() + " needs the '"
                    + needed.wireName() + "' role; this token has '" + role.get().wireName() + "'", Map.of());
        }
    }

    static boolean isPublic(String path) {
        return path.startsWith("/health/") || path.equals("/metrics") || path.equals("/openapi.json")
                || path.startsWith("/api/docs");
    }

    static Role neededRole(HandlerType method, String path) {
        if (method == HandlerType.GET || method == HandlerType.HEAD) {
            return Role.READ;
        }
        if (path.matches("/api/v1/queues/[^/]+") && method == HandlerType.PUT) {
            return Role.ADMIN;
        }
        if (path.matches("/api/v1/tasks/[^/]+") && (method == HandlerType.PUT || method == HandlerType.DELETE)) {
            return Role.ADMIN;
        }
        return Role.WRITE;
    }
}
