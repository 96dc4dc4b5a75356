package io.hourglass.server.api.nodes;

import io.hourglass.server.ServerServices;
import io.hourglass.server.auth.Access;
import io.hourglass.server.http.Items;
import io.hourglass.server.http.Routes;
import io.hourglass.store.Node;

/**
 * The cluster as seen from here: {@code /api/v1/nodes}, every node with its current incarnation ({@code name#id},
 * the owner its jobs carry; a restart under the same name shows a new one and a new {@code startedAt}), its last
 * heartbeat and the tasks it runs.
 */
public final class NodeRoutes {
    private NodeRoutes() {
    }

    public static void register(Routes routes, ServerServices services) {
        routes.get("/api/v1/nodes", Access.READ, ctx -> ctx.json(new Items<>(services.client().nodes())))
                .summary("Nodes with their incarnation, start, last heartbeat and tasks (remote workers: GET"
                        + " /api/v1/workers)").response(Items.class, Node.class);
    }
}
