package io.hourglass.server.api.nodes;

import io.hourglass.Hourglass;
import io.javalin.Javalin;
import java.util.Map;

/** The cluster as seen from here: {@code /api/v1/nodes}, every node and remote worker with its last heartbeat. */
public final class NodeRoutes {
    private NodeRoutes() {
    }

    public static void register(Javalin app, Hourglass hourglass) {
        app.get("/api/v1/nodes", ctx -> ctx.json(Map.of("items", hourglass.nodes())));
    }
}
