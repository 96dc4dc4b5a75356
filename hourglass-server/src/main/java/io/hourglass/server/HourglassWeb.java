package io.hourglass.server;

import io.hourglass.Hourglass;
import io.hourglass.server.api.RestApi;
import io.hourglass.server.auth.AccessControl;
import io.hourglass.server.console.ConsoleRoutes;
import io.hourglass.server.console.live.LiveHub;
import io.hourglass.server.docs.ApiDocs;
import io.hourglass.server.http.HttpApp;
import io.hourglass.server.http.MountedServlet;
import io.hourglass.server.http.Routes;
import io.hourglass.server.metrics.StartLatency;
import io.javalin.Javalin;
import jakarta.servlet.Servlet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTP side of a node, assembled in one place for both places it runs: the REST API ({@code /api/v1}), the
 * OpenAPI document and its page, and the operators' console, declared on one {@link Routes} registry and
 * installed on one Javalin application. {@link HourglassServer} adds the routes only a standalone server has
 * (health, {@code /metrics}, the container-jobs API) and serves it on its own Jetty; the Spring Boot starter
 * builds it with {@link #mounted} and serves {@link #servlet()} in the application's servlet container under a
 * path, behind the application's filters and security.
 *
 * <p>Routes keep the same paths in both; {@code mount} is only what the browser's URLs start with (the
 * console's links, redirects, event streams and session cookie), empty on the server.
 */
public final class HourglassWeb implements AutoCloseable {
    private final Javalin app;
    private final LiveHub live;

    private HourglassWeb(Javalin app, LiveHub live) {
        this.app = app;
        this.live = live;
    }

    /**
     * Declares and installs every route on {@code app}.
     *
     * @param access       who may call what; its console sessions' path must be {@code mount} + the console path
     * @param mount        what the browser's URLs of {@code app} start with: empty, or where it is mounted
     * @param consolePath  the console's path in {@code app} ({@code /console})
     * @param startLatency this node's start latency percentiles, for the console's overview
     * @param serverRoutes routes of the standalone server, declared before the API's
     * @throws IllegalStateException a route is incomplete (a bug: see {@link Routes#install})
     */
    public static HourglassWeb assemble(Javalin app, ServerServices services, Hourglass hourglass,
                                        AccessControl access, String mount, String consolePath,
                                        Supplier<StartLatency> startLatency, Consumer<Routes> serverRoutes) {
        Routes routes = new Routes(app, access);
        serverRoutes.accept(routes);
        RestApi.register(routes, services, hourglass);
        LiveHub live = ConsoleRoutes.register(routes, hourglass, access, consolePath, mount, services.clock(),
                startLatency);
        ApiDocs.register(routes, services.mapper());
        routes.install();
        return new HourglassWeb(app, live);
    }

    /**
     * The REST API, the docs and the console for a servlet mapped to {@code <mount>/*} in another container: the
     * node is built (its schema migrated) before, so requests are served from the first one.
     */
    public static HourglassWeb mounted(ServerServices services, Hourglass hourglass, AccessControl access,
                                       String mount, String consolePath, Supplier<StartLatency> startLatency) {
        return assemble(HttpApp.forServlet(services.mapper()), services, hourglass, access, mount, consolePath,
                startLatency, routes -> { });
    }

    /** The Javalin application, for the server to start on its Jetty. */
    public Javalin app() {
        return app;
    }

    /** The application as a servlet of another container, to be mapped to {@code <mount>/*}. */
    public Servlet servlet() {
        return new MountedServlet(app);
    }

    /** Ends the console's event streams and their ticker. */
    @Override
    public void close() {
        live.close();
    }
}
