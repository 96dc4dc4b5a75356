package io.hourglass.server.console.web;

import io.hourglass.server.auth.ConsoleGuard;
import io.hourglass.server.auth.Role;
import io.hourglass.server.auth.Viewer;

/**
 * What every console page's frame needs: the console's path (links), the page's title and navigation entry, the
 * viewer's role (which buttons to offer), the CSRF token for its forms, and whether the server runs open (the
 * banner). Built per request from the {@link Viewer} the access check left.
 */
public record Chrome(String base, String title, String nav, Viewer viewer) {

    public String csrf() {
        return viewer == null ? "" : viewer.session().csrf();
    }

    public String csrfField() {
        return ConsoleGuard.CSRF_FIELD;
    }

    public boolean open() {
        return viewer != null && viewer.open();
    }

    /** Logged in with an API token (the console's own login, which offers a logout). */
    public boolean loggedIn() {
        return viewer != null && !viewer.open() && viewer.session().token() != null;
    }

    /** The application's user, where the console is mounted in an application that signs its users in. */
    public String user() {
        return viewer == null ? null : viewer.session().user();
    }

    public String role() {
        return viewer == null ? "" : viewer.role().wireName();
    }

    /** Whether to offer buttons that act on jobs, schedules and queue pausing. */
    public boolean canWrite() {
        return viewer != null && viewer.may(Role.WRITE);
    }

    public boolean canAdmin() {
        return viewer != null && viewer.may(Role.ADMIN);
    }

    public String link(String path) {
        return base + path;
    }
}
