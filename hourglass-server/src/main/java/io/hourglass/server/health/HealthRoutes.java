package io.hourglass.server.health;

import io.hourglass.server.auth.Access;
import io.hourglass.server.http.Routes;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health/live}: the process answers. {@code /health/ready}: it can serve (see {@link Readiness}). */
public final class HealthRoutes {
    private HealthRoutes() {
    }

    /** {@code status}: {@code up}, {@code ready} or {@code not_ready}; {@code reason} only when not ready. */
    record Status(String status, String reason) {
    }

    public static void register(Routes routes, Readiness readiness) {
        routes.get("/health/live", Access.PUBLIC, ctx -> ctx.json(Map.of("status", "up")))
                .summary("The process answers").response(Status.class);
        routes.get("/health/ready", Access.PUBLIC, ctx -> {
            Readiness.Verdict verdict = readiness.check();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", verdict.ready() ? "ready" : "not_ready");
            if (!verdict.ready()) {
                body.put("reason", verdict.reason());
            }
            ctx.status(verdict.ready() ? 200 : 503).json(body);
        }).summary("The database answers and migrations are applied (200), else 503")
                .response(200, Status.class).response(503, Status.class);
    }
}
