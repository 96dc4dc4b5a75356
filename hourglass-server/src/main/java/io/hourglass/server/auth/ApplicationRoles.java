package io.hourglass.server.auth;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * Who calls, when the API and the console are mounted inside an application that authenticates its own users
 * (the Spring Boot starter's {@code hourglass.web.auth=application}): the servlet request's principal, with the
 * highest of the roles {@value #ADMIN}, {@value #WRITE} and {@value #READ} it has
 * ({@link HttpServletRequest#isUserInRole}; with Spring Security, the authorities {@code ROLE_HOURGLASS_ADMIN}
 * and so on, as {@code .roles("HOURGLASS_ADMIN")} grants). A request without a principal has the role
 * {@code anonymous} names, none unless the application set one: a mount without security lets no one in.
 */
public final class ApplicationRoles {
    /** Every route: define tasks, change queue limits, and all that {@link #WRITE} may. */
    public static final String ADMIN = "HOURGLASS_ADMIN";
    /** Enqueue, cancel, retry, edit schedules and feeds, pause queues, and all that {@link #READ} may. */
    public static final String WRITE = "HOURGLASS_WRITE";
    /** Read every list and page. */
    public static final String READ = "HOURGLASS_READ";

    private static final List<Role> HIGHEST_FIRST = List.of(Role.ADMIN, Role.WRITE, Role.READ);

    private final Role anonymous;

    /** @param anonymous the role of a request without a principal; null: none (refused) */
    public ApplicationRoles(Role anonymous) {
        this.anonymous = anonymous;
    }

    /** The application role that grants {@code role}. */
    public static String roleName(Role role) {
        return switch (role) {
            case ADMIN -> ADMIN;
            case WRITE -> WRITE;
            case READ -> READ;
        };
    }

    /** The request's user name, or null when it has no principal. */
    public String user(Context ctx) {
        Principal principal = ctx.req().getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    /** The role of this request's user (or of an anonymous request); empty when it has none. */
    public Optional<Role> roleOf(Context ctx) {
        HttpServletRequest request = ctx.req();
        if (request.getUserPrincipal() == null) {
            return Optional.ofNullable(anonymous);
        }
        return HIGHEST_FIRST.stream().filter(r -> request.isUserInRole(roleName(r))).findFirst();
    }

    /** Why a request without the role it needs is refused: no principal (401), or not the role (403). */
    RefusedBecause refusal(Context ctx, Role needed, Optional<Role> has) {
        String user = user(ctx);
        if (user == null) {
            return new RefusedBecause(401, ctx.method() + " " + ctx.path() + " needs a signed-in user of the"
                    + " application with the role " + roleName(needed) + " (or a higher one)");
        }
        return new RefusedBecause(403, ctx.method() + " " + ctx.path() + " needs the role " + roleName(needed)
                + " (or a higher one); user '" + user + "' has " + has.map(ApplicationRoles::roleName)
                .orElse("none of " + String.join(", ", ADMIN, WRITE, READ)));
    }

    /** The status and message of a refusal, for the API's JSON or the console's page. */
    record RefusedBecause(int status, String message) {
    }
}
