package io.hourglass.server.health;

import io.javalin.Javalin;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health/live}: the process answers. {@code /health/ready}: it can serve (see {@link Readiness}). */
public final class HealthRoutes {
    private HealthRoutes() {
    }

    public static void register(Javalin app, Readiness readiness) {
        app.get("/health/live", ctx -> ctx.json(Map.of("status", "up")));
        app.get("/health/ready", ctx -> {
            Readiness.Verdict verdict = readiness.check();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", verdict.ready() ? "ready" : "not_ready");
            if (!verdict.ready()) {
                body.put("reason", verdict.reason());
            }
            ctx.status(verdict.ready() ? 200 : 503).json(body);
        });
    }
}
