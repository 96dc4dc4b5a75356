package io.hourglass.server.auth;

/**
 * Who is looking at a console page, as {@link AccessControl} found out: their session (its CSRF token goes into
 * every form) and role, and whether the server runs open (no tokens, loopback), which the console's banner says.
 */
public record Viewer(ConsoleSessions.Session session, Role role, boolean open) {
    /** The request attribute the console's handlers read it from. */
    public static final String ATTRIBUTE = "hourglass.viewer";

    public boolean may(Role needed) {
        return role.allows(needed);
    }
}
