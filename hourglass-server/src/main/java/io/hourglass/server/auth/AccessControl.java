package io.hourglass.server.auth;

import io.hourglass.server.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
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
 *
 * <p>Mounted inside an application that authenticates its users ({@link #application}), there are no tokens: the
 * caller's role comes from the application ({@link ApplicationRoles}), and a request that changes something
 * must not come from another site (its {@code Origin} and {@code Sec-Fetch-Site}, when a browser sends them), since
 * the application's session cookie goes along with any request a browser makes.
 */
public final class AccessControl {
    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);

    private final TokenStore tokens;
    private final CompatAccess compat;
    private final AtomicBoolean enforcing;
    private final ConsoleSessions sessions;
    private final ApplicationRoles application;

    /**
     * @param startedOpen true when the server started without tokens on loopback: requests pass until a token
     *                    exists
     */
    public AccessControl(TokenStore tokens, boolean startedOpen, CompatAccess compat, ConsoleSessions sessions) {
        this(tokens, startedOpen, compat, sessions, null);
    }

    private AccessControl(TokenStore tokens, boolean startedOpen, CompatAccess compat, ConsoleSessions sessions,
                          ApplicationRoles application) {
        this.tokens = tokens;
        this.compat = compat;
        this.enforcing = new AtomicBoolean(!startedOpen);
        this.sessions = sessions;
        this.application = application;
    }

    /** Access decided by the application's authentication, for the API and console mounted inside it. */
    public static AccessControl application(ApplicationRoles roles, ConsoleSessions sessions) {
        return new AccessControl(null, false, CompatAccess.TOKEN, sessions, roles);
    }

    /** True when the application's users are the callers, not API tokens. */
    public boolean isApplication() {
        return application != null;
    }

    /** The application's roles; only when {@link #isApplication()}. */
    ApplicationRoles applicationRoles() {
        return application;
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
        if (access == Access.PUBLIC) {
            return;
        }
        if (application != null) {
            checkApplication(ctx, access);
            return;
        }
        if ((access.isCompat() && compat == CompatAccess.OPEN) || !enforcing()) {
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

    private void checkApplication(Context ctx, Access access) {
        Optional<Role> role = application.roleOf(ctx);
        if (role.isEmpty() || !role.get().allows(access.role())) {
            ApplicationRoles.RefusedBecause refusal = application.refusal(ctx, access.role(), role);
            throw new ApiException(refusal.status(), refusal.status() == 401 ? "unauthorized" : "forbidden", null,
                    refusal.message(), Map.of());
        }
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
            refuseCrossSite(ctx);
        }
        String user = application.user(ctx);
        ctx.attribute(Actor.ATTRIBUTE, user == null ? Actor.ANONYMOUS : user);
    }

    /**
     * A browser sends the application's cookies with any request another site makes it send; such a request says
     * so in {@code Sec-Fetch-Site} or {@code Origin}, and is refused. Clients that are not browsers send neither.
     */
    private static void refuseCrossSite(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        String origin = ctx.header("Origin");
        String self = ctx.scheme() + "://" + ctx.host();
        if ((site != null && !site.equals("same-origin") && !site.equals("none"))
                || (origin != null && !origin.equals(self))) {
            throw new ApiException(403, "forbidden", null, "refused a cross-site request (Origin: " + origin
                    + ", Sec-Fetch-Site: " + site + "; this API is " + self + ")", Map.of());
        }
    }
}
