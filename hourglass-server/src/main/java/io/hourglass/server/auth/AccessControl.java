package io.hourglass.server.auth;

import io.hourglass.server.http.ApiException;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the bearer token of each request against the {@link Access} its route declared. A server that started
 * open (loopback, no tokens: see {@code HourglassServer}) lets every request through until the token file holds a
 * token: the first request after {@code hourglass token create} (another process writing the file) switches it
 * to enforcing, for good, and the log says so. The token store re-reads the file when it changes, so this costs a
 * file-time check per request. Routes of the container-jobs API follow {@link CompatAccess} instead.
 */
public final class AccessControl {
    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);

    private final TokenStore tokens;
    private final CompatAccess compat;
    private final AtomicBoolean enforcing;
    private final ConsoleSessions sessions;

    /**
     * @param startedOpen true when the server started without tokens on loopback: requests pass until a token
     *                    exists
     */
    public AccessControl(TokenStore tokens, boolean startedOpen, CompatAccess compat, ConsoleSessions sessions) {
        this.tokens = tokens;
        this.compat = compat;
        this.enforcing = new AtomicBoolean(!startedOpen);
        this.sessions = sessions;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public ConsoleSessions sessions() {
        return sessions;
    }

    /** True while the server runs open: no token exists yet and it started on loopback without one. */
    public boolean isOpen() {
        return !enforcing();
    }

    private boolean enforcing() {
        if (enforcing.get()) {
            return true;
        }
        if (tokens.isEmpty()) {
            return false;
        }
        if (enforcing.compareAndSet(false, true)) {
            log.warn("first API token created: this server now requires tokens (token file {})", tokens.file());
        }
        return true;
    }

    /** Passes, or throws the 401/403 the request deserves. */
    public void check(Context ctx, Access access) {
        if (access.isConsole()) {
            ConsoleGuard.check(ctx, access, this);
            return;
        }
        if (access == Access.PUBLIC || (access.isCompat() && compat == CompatAccess.OPEN) || !enforcing()) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthorized", null,
                    "this server needs an API token: send 'Authorization: Bearer <token>'",
                    Map.of("WWW-Authenticate", "Bearer realm=\"hourglass\""));
        }
        Optional<TokenStore.Entry> entry = tokens.entryOf(header.substring(7).trim());
        Optional<Role> role = entry.map(e -> Role.fromWireName(e.role()));
        if (role.isEmpty()) {
            throw new ApiException(401, "unauthorized", null, "the API token is not valid (unknown or revoked)",
                    Map.of("WWW-Authenticate", "Bearer realm=\"hourglass\", error=\"invalid_token\""));
        }
        if (!role.get().allows(access.role())) {
            throw new ApiException(403, "forbidden", null, ctx.method() + " " + ctx.path() + " needs the '"
                    + access.role().wireName() + "' role; this token has '" + role.get().wireName() + "'", Map.of());
        }
        ctx.attribute(Actor.ATTRIBUTE, entry.get().name());
    }
}
