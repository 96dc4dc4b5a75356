package io.hourglass.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.function.BooleanSupplier;

/**
 * The Javalin application shell every feature registers its routes on: our JSON mapper, the 1 MiB body limit,
 * the start-up check before every request and the error mapping after. Routes are
 * registered on it through {@link Routes}, which puts each route's access check in front of it. Jetty's own thread pool serves requests.
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
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.http.defaultContentType = "application/json";
            config.http.prefer405over404 = true;
            // on stop, requests in flight finish (up to this long) before the engine and the database go away
            config.jetty.modifyServer(server -> server.setStopTimeout(STOP_TIMEOUT_MS));
        });
        app.before(ctx -> {
            long length = ctx.contentLength();
            if (length > MAX_BODY_BYTES) {
                throw new ApiException(413, "payload_too_large", null, "the request body is " + length
                        + " bytes, larger than the limit of " + MAX_BODY_BYTES + " bytes", java.util.Map.of());
            }
            if (!started.getAsBoolean() && !ctx.path().startsWith("/health/")) {
                throw new ApiException(503, "unavailable", null, "the server is starting; try again shortly",
                        java.util.Map.of("Retry-After", "1"));
            }
        });
        ErrorMapper.install(app);
        return app;
    }
}
