package io.hourglass.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Javalin application shell every feature registers its routes on: our JSON mapper, the 1 MiB body limit
 * (checked on the declared length, and counted while reading for chunked bodies: {@link BodyLimit}), the start-up
 * check before every request, the error mapping after, and JSON for the errors Jetty answers itself
 * ({@link JsonErrorPages}). Routes are registered on it through {@link Routes}, which puts each route's access
 * check in front of it. Jetty's own thread pool serves requests.
 */
public final class HttpApp {
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    public static final long STOP_TIMEOUT_MS = 5000;

    private HttpApp() {
    }

    /**
     * @param started false while the engine is still starting: requests other than health checks then get 503
     */
    public static Javalin create(ObjectMapper mapper, BooleanSupplier started) {
        return create(mapper, started, config -> JsonErrorPages.install(config, mapper, MAX_BODY_BYTES));
    }

    /**
     * The same application for another servlet container, served through {@link MountedServlet}. Nothing here
     * touches Jetty: {@code Javalin.create} builds its Jetty server at once, and an application may hold Jetty's
     * jars in another version (Spring Boot's dependency management moves them to its own) or none, so this one is
     * made without it. The body limit is applied by that servlet.
     */
    public static Javalin forServlet(ObjectMapper mapper) {
        return create(mapper, () -> true, config -> { }, WithoutJetty::new);
    }

    private static Javalin create(ObjectMapper mapper, BooleanSupplier started, Consumer<JavalinConfig> server) {
        return create(mapper, started, server, null);
    }

    private static Javalin create(ObjectMapper mapper, BooleanSupplier started, Consumer<JavalinConfig> server,
                                  Function<JavalinConfig, Javalin> withoutJetty) {
        Consumer<JavalinConfig> setup = config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.defaultContentType = "application/json";
            config.http.prefer405over404 = true;
            server.accept(config);
        };
        Javalin app;
        if (withoutJetty == null) {
            app = Javalin.create(setup);
        } else {
            JavalinConfig config = new JavalinConfig();
            JavalinConfig.applyUserConfig(config, setup);
            app = withoutJetty.apply(config);
        }
        app.before(ctx -> {
            long length = ctx.contentLength();
            if (length > MAX_BODY_BYTES) {
                throw BodyLimit.tooLarge(length + " bytes", MAX_BODY_BYTES);
            }
            if (!started.getAsBoolean() && !ctx.path().startsWith("/health/")) {
                throw new ApiException(503, "unavailable", null, "the server is starting; try again shortly",
                        java.util.Map.of("Retry-After", "1"));
            }
        });
        ErrorMapper.install(app);
        return app;
    }

    /** A Javalin application that is never started on its own Jetty: only its routes and handlers are used. */
    private static final class WithoutJetty extends Javalin {
        WithoutJetty(JavalinConfig config) {
            super(config);
        }
    }

    /**
     * Once the server listens: on stop, requests in flight finish (up to {@link #STOP_TIMEOUT_MS}) before the
     * engine and the database go away. Set after the start, not before: a graceful stop of a server that failed to
     * start (a port in use) fails itself, and its error would hide the reason the start failed.
     */
    public static void stopGracefully(Javalin app) {
        app.jettyServer().server().setStopTimeout(STOP_TIMEOUT_MS);
    }
}
