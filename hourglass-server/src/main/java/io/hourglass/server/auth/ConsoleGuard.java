package io.hourglass.server.auth;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's side of {@link AccessControl}: finds the viewer from the session cookie (opening one by itself
 * while the server runs open, so forms still carry a per-session CSRF token), checks the role the page needs, and
 * refuses a state-changing request unless it comes from the console's own pages: {@code Sec-Fetch-Site} (when the
 * browser sends it) must be {@code same-origin}, {@code Origin} must be this server, and the form's {@code csrf}
 * field must be the session's token. SameSite=Strict on the cookie already keeps other sites' requests
 * anonymous; these checks also hold for browsers or proxies that do not honour it. Mounted in an application that
 * signs its users in ({@link AccessControl#application}), the role is that user's ({@link ApplicationRoles}) and
 * the session only holds the CSRF token, one per user and browser.
 */
public final class ConsoleGuard {
    /** The form field every state-changing console request carries. */
    public static final String CSRF_FIELD = "csrf";

    private ConsoleGuard() {
    }

    static void check(Context ctx, Access access, AccessControl control) {
        if (control.isApplication()) {
            checkApplicationUser(ctx, access, control);
            return;
        }
        boolean open = control.isOpen();
        Optional<ConsoleSessions.Session> found = control.sessions().find(ctx.cookie(ConsoleSessions.COOKIE));
        Role role = found.flatMap(s -> roleOf(s, control, open)).orElse(null);
        ConsoleSessions.Session session = found.orElse(null);
        if (role == null) {
            if (!open) {
                if (session != null) {
                    control.sessions().close(session.id()); // its token was revoked, or it was an open one
                }
                throw new ConsoleRefusal(401, "log in with an API token to use the console");
            }
            if (ctx.method() != HandlerType.GET) {
                throw new ConsoleRefusal(403, "this request did not come from a console page (no session)");
            }
            session = control.sessions().open(null);
            setCookie(ctx, control.sessions().path(), session.id(), -1);
            role = Role.ADMIN;
        }
        if (ctx.method() != HandlerType.GET) {
            requireSameOrigin(ctx);
            if (!ConsoleSessions.csrfMatches(session, ctx.formParam(CSRF_FIELD))) {
                throw new ConsoleRefusal(403, "this form is missing its CSRF token or it is out of date: reload"
                        + " the page and try again");
            }
        }
        if (!role.allows(access.role())) {
            throw new ConsoleRefusal(403, "this needs the '" + access.role().wireName() + "' role; you are logged"
                    + " in with '" + role.wireName() + "'");
        }
        ctx.attribute(Viewer.ATTRIBUTE, new Viewer(session, role, open));
        if (session.token() != null) {
            control.tokens().entryOf(session.token()).ifPresent(e -> ctx.attribute(Actor.ATTRIBUTE, e.name()));
        }
    }

    /**
     * Mounted in an application: the role is the application user's, read per request; the session (one per user
     * and browser, opened on the first page) only carries the CSRF token its forms send back.
     */
    private static void checkApplicationUser(Context ctx, Access access, AccessControl control) {
        ApplicationRoles roles = control.applicationRoles();
        Optional<Role> role = roles.roleOf(ctx);
        if (role.isEmpty() || !role.get().allows(access.role())) {
            ApplicationRoles.RefusedBecause refusal = roles.refusal(ctx, access.role(), role);
            throw new ConsoleRefusal(refusal.status(), refusal.message());
        }
        String user = roles.user(ctx);
        ConsoleSessions.Session session = control.sessions().find(ctx.cookie(ConsoleSessions.COOKIE))
                .filter(s -> s.token() == null && Objects.equals(s.user(), user)).orElse(null);
        if (ctx.method() != HandlerType.GET) {
            requireSameOrigin(ctx);
            if (session == null || !ConsoleSessions.csrfMatches(session, ctx.formParam(CSRF_FIELD))) {
                throw new ConsoleRefusal(403, "this form is missing its CSRF token or it is out of date: reload"
                        + " the page and try again");
            }
        } else if (session == null) {
            session = control.sessions().openFor(user);
            setCookie(ctx, control.sessions().path(), session.id(), -1);
        }
        ctx.attribute(Viewer.ATTRIBUTE, new Viewer(session, role.get(), false));
        ctx.attribute(Actor.ATTRIBUTE, user == null ? Actor.ANONYMOUS : user);
    }

    /**
     * Whether a viewer let in earlier may still see what {@code access} guards: its session is still open and its
     * token still grants the role (a revoked token, an expired session, or an open session once tokens exist all
     * end it). Long-lived console streams re-check with this, as every page request checks anew.
     */
    public static boolean stillAllowed(Viewer viewer, Access access, AccessControl control) {
        if (control.isApplication()) { // the application decided when the stream opened; it ends with the session
            return control.sessions().find(viewer.session().id()).isPresent() && viewer.may(access.role());
        }
        boolean open = control.isOpen();
        return control.sessions().find(viewer.session().id()).flatMap(s -> roleOf(s, control, open))
                .map(role -> role.allows(access.role())).orElse(false);
    }

    /** A token session: the token's role now; an open session: admin, only while the server runs open. */
    private static Optional<Role> roleOf(ConsoleSessions.Session session, AccessControl control, boolean open) {
        if (session.token() == null) {
            return open ? Optional.of(Role.ADMIN) : Optional.empty();
        }
        return control.tokens().roleOf(session.token());
    }

    /**
     * Refuses requests another site made the browser send: Sec-Fetch-Site other than same-origin, or an Origin
     * other than this server's. A request with neither header is refused too (every current browser sends Origin
     * on a POST).
     */
    public static void requireSameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            throw new ConsoleRefusal(403, "refused a cross-site request (Sec-Fetch-Site: " + site + ")");
        }
        String origin = ctx.header("Origin");
        String self = ctx.scheme() + "://" + ctx.host();
        if (origin == null ? site == null : !origin.equals(self)) {
            throw new ConsoleRefusal(403, "refused a request from another origin (" + origin + "; this console is "
                    + self + ")");
        }
    }

    /** The session cookie: HttpOnly, SameSite=Strict, Secure behind HTTPS; maxAge -1 lasts the browser session. */
    public static void setCookie(Context ctx, String path, String value, int maxAge) {
        Cookie cookie = new Cookie(ConsoleSessions.COOKIE, value, path, maxAge, "https".equals(ctx.scheme()), 0, true,
                null, null, SameSite.STRICT);
        ctx.cookie(cookie);
    }
}
