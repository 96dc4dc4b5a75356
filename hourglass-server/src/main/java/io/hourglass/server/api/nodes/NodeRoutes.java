package io.hourglass.server.api.nodes;

import io.hourglass.Hourglass;
import io.hourglass.server.auth.Access;
import io.hourglass.server.http.Items;
import io.hourglass.server.http.Routes;
import io.hourglass.store.Node;

/** The cluster as seen from here: {@code /api/v1/nodes}, every node and remote worker with its last heartbeat. */
public final class NodeRoutes {
    private NodeRoutes() {
    }

    public static void register(Routes routes, Hourglass hourglass) {
        routes.get("/api/v1/nodes", Access.READ, ctx -> ctx.json(new Items<>(hourglass.nodes())))
                .summary("Nodes with their last heartbeat (remote workers: GET /api/v1/workers)").response(Items.class, Node.class);
    }
}
