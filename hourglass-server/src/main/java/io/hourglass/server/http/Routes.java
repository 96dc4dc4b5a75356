package io.hourglass.server.http;

import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.AccessControl;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one place routes are registered: each says who may call it and how it is documented,
 * {@code routes.post("/api/v1/jobs", Access.WRITE, handler).summary(...).body(EnqueueBody.class)...}.
 * {@link #install} then puts them on Javalin, each behind its access check and its query-parameter check, and
 * refuses to go on (the server does not start) when a route declares no access or no summary, or when something
 * registered a route on Javalin directly, around this registry.
 */
public final class Routes {
    private final Javalin app;
    private final AccessControl access;
    private final List<RouteSpec.Builder> declared = new ArrayList<>();
    private List<RouteSpec> installed;

    public Routes(Javalin app, AccessControl access) {
        this.app = app;
        this.access = access;
    }

    /** The application, for what is not a route (before and after handlers). */
    public Javalin app() {
        return app;
    }

    public RouteSpec.Builder get(String path, Access access, Handler handler) {
        return add(HandlerType.GET, path, access, handler);
    }

    public RouteSpec.Builder post(String path, Access access, Handler handler) {
        return add(HandlerType.POST, path, access, handler);
    }

    public RouteSpec.Builder put(String path, Access access, Handler handler) {
        return add(HandlerType.PUT, path, access, handler);
    }

    public RouteSpec.Builder patch(String path, Access access, Handler handler) {
        return add(HandlerType.PATCH, path, access, handler);
    }

    public RouteSpec.Builder delete(String path, Access access, Handler handler) {
        return add(HandlerType.DELETE, path, access, handler);
    }

    private RouteSpec.Builder add(HandlerType method, String path, Access access, Handler handler) {
        if (installed != null) {
            throw new IllegalStateException("bug: route " + method + " " + path + " declared after install");
        }
        RouteSpec.Builder builder = new RouteSpec.Builder(method, path, access, handler);
        declared.add(builder);
        return builder;
    }

    /** Every route declared so far, checked (access and summary); the docs are built from these. */
    public List<RouteSpec> specs() {
        return declared.stream().map(RouteSpec.Builder::build).toList();
    }

    /** Registers every declared route on Javalin; throws when a route is incomplete or registered around this. */
    public List<RouteSpec> install() {
        List<RouteSpec> specs = specs();
        Set<String> foreign = new TreeSet<>();
        for (ParsedEndpoint e : app.unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
            if (!e.getEndpoint().getMethod().isHttpMethod()) {
                continue; // before and after handlers are not routes
            }
            foreign.add(e.getEndpoint().getMethod() + " " + e.getEndpoint().getPath());
        }
        if (!foreign.isEmpty()) {
            throw new IllegalStateException("bug: routes registered on Javalin directly, without a declared access"
                    + " (register them through Routes): " + foreign);
        }
        for (RouteSpec spec : specs) {
            app.addHttpHandler(spec.method(), spec.path(), guarded(spec));
        }
        installed = specs;
        return specs;
    }

    private Handler guarded(RouteSpec spec) {
        Set<String> known = spec.query().stream().map(QueryParam::name).collect(Collectors.toSet());
        String listed = spec.query().isEmpty() ? "this route takes no query parameters"
                : "known: " + spec.query().stream().map(QueryParam::name).collect(Collectors.joining(", "));
        return ctx -> {
            access.check(ctx, spec.access());
            QueryEncoding.requireUtf8(ctx);
            if (!spec.anyQuery()) {
                refuseUnknown(ctx, known, listed);
            }
            spec.handler().handle(ctx);
        };
    }

    private static void refuseUnknown(Context ctx, Set<String> known, String listed) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest(name, "unknown query parameter '" + name + "' for " + ctx.method()
                        + " " + ctx.endpointHandlerPath() + " (" + listed + ")");
            }
        }
    }
}
