package io.hourglass.server.auth;

import io.javalin.http.Context;

/**
 * Who a request acts for, as its schedule changes are recorded ({@code HourglassClient.actingAs}): the name of the
 * API token it presented, or of the token its console session was opened with. {@link AccessControl} leaves it on
 * the request when it checks the token; a request the server let through without one (it runs open on loopback)
 * acts for {@link #ANONYMOUS}.
 */
public final class Actor {
    /** The request attribute the access check leaves the actor in. */
    static final String ATTRIBUTE = "hourglass.actor";
    /** The actor of requests a server running open let through without a token. */
    public static final String ANONYMOUS = "anonymous";

    private Actor() {
    }

    /** The actor of this request. */
    public static String of(Context ctx) {
        String actor = ctx.attribute(ATTRIBUTE);
        return actor == null ? ANONYMOUS : actor;
    }
}
