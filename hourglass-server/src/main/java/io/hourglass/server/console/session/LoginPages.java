package io.hourglass.server.console.session;

import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.AccessControl;
import io.hourglass.server.auth.ConsoleGuard;
import io.hourglass.server.auth.ConsoleSessions;
import io.hourglass.server.auth.Viewer;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * Login trades an API token for a session cookie (HttpOnly, SameSite=Strict; see {@link ConsoleSessions}); logout
 * forgets the session. The token is checked the way the API checks it, so the session has the token's role, and
 * loses it when the token is revoked. While the server runs open there is nothing to log in with: the login page
 * sends the browser to the console.
 */
public final class LoginPages {
    private final AccessControl access;
    private final Pages pages;

    private LoginPages(AccessControl access, Pages pages) {
        this.access = access;
        this.pages = pages;
    }

    public static void register(Routes routes, AccessControl access, Pages pages) {
        LoginPages p = new LoginPages(access, pages);
        String base = pages.base();
        routes.get(base + "/login", Access.PUBLIC, p::form).anyQuery().summary("Console: login form")
                .undocumented();
        routes.post(base + "/login", Access.PUBLIC, p::login).summary("Console: log in with an API token")
                .undocumented();
        routes.post(base + "/logout", Access.CONSOLE_READ, p::logout).summary("Console: log out").undocumented();
    }

    private void form(Context ctx) {
        if (access.isOpen()) {
            ctx.status(303).header("Location", pages.root());
            return;
        }
        render(ctx, 200, null);
    }

    private void login(Context ctx) {
        ConsoleGuard.requireSameOrigin(ctx); // a login forged by another site would log the victim in as someone else
        String token = ctx.formParam("token");
        if (token == null || token.isBlank()) {
            render(ctx, 400, "token: must not be empty");
            return;
        }
        if (access.tokens().roleOf(token.trim()).isEmpty()) {
            render(ctx, 401, "token: not valid (unknown or revoked)");
            return;
        }
        ConsoleSessions.Session session = access.sessions().open(token.trim());
        ConsoleGuard.setCookie(ctx, pages.root(), session.id(), -1);
        ctx.status(303).header("Location", pages.root());
    }

    private void logout(Context ctx) {
        Viewer viewer = ctx.attribute(Viewer.ATTRIBUTE);
        access.sessions().close(viewer.session().id());
        ConsoleGuard.setCookie(ctx, pages.root(), "", 0);
        ctx.status(303).header("Location", pages.root() + "/login");
    }

    private void render(Context ctx, int status, String error) {
        Map<String, Object> params = new HashMap<>();
        params.put("chrome", pages.chrome(ctx, "Log in", "login"));
        params.put("error", error);
        pages.render(ctx, status, "login.jte", params);
    }
}
