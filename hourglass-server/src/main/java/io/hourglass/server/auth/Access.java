package io.hourglass.server.auth;

/**
 * Who may call a route, declared where the route is registered ({@code routes.post(path, Access.WRITE, ...)}).
 * {@link #PUBLIC}: anyone (health, metrics, the API docs). {@link #READ}, {@link #WRITE}, {@link #ADMIN}: a token
 * with that role or a higher one, once the server has tokens. The container-jobs API ({@code /job(s)}) has its own
 * rule, {@link #COMPAT_READ} and {@link #COMPAT_WRITE}: no token while {@link CompatAccess#OPEN}, else a token
 * with the read or write role (see {@link AccessControl}). The console's pages ({@link #CONSOLE_READ},
 * {@link #CONSOLE_WRITE}, {@link #CONSOLE_ADMIN}) take a session cookie from the console's login instead of a
 * bearer token, and their state-changing requests must come from the console itself (Origin, Sec-Fetch-Site and
 * the session's CSRF token).
 */
public enum Access {
    PUBLIC(null),
    READ(Role.READ),
    WRITE(Role.WRITE),
    ADMIN(Role.ADMIN),
    COMPAT_READ(Role.READ),
    COMPAT_WRITE(Role.WRITE),
    CONSOLE_READ(Role.READ),
    CONSOLE_WRITE(Role.WRITE),
    CONSOLE_ADMIN(Role.ADMIN);

    private final Role role;

    Access(Role role) {
        this.role = role;
    }

    /** The token role the route needs when tokens are required; null for a public route. */
    public Role role() {
        return role;
    }

    public boolean isConsole() {
        return this == CONSOLE_READ || this == CONSOLE_WRITE || this == CONSOLE_ADMIN;
    }

    public boolean isCompat() {
        return this == COMPAT_READ || this == COMPAT_WRITE;
    }
}
