package io.hourglass.server.api.nodes;

import io.hourglass.Hourglass;
import io.javalin.Javalin;
import java.util.Map;

/**
 * The cluster as seen from here: {@code /api/v1/nodes}, every node with its current incarnation ({@code name#id},
 * the owner its jobs carry; a restart under the same name shows a new one and a new {@code startedAt}), its last
 * heartbeat and the tasks it runs.
 */
public final class NodeRoutes {
    private NodeRoutes() {
    }

    public static void register(Javalin app, Hourglass hourglass) {
        app.get("/api/v1/nodes", ctx -> ctx.json(Map.of("items", hourglass.nodes())));
    }
}
