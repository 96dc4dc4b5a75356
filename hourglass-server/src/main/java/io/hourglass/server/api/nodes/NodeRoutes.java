package io.hourglass.server.api.nodes;

import io.hourglass.Hourglass;
import io.hourglass.NotFoundException;
import io.hourglass.task.Task;
import io.javalin.Javalin;
import java.util.Map;

/**
 * The cluster as seen from here: {@code /api/v1/nodes} (every node and remote worker with its last heartbeat) and
 * {@code /api/v1/tasks} (the tasks this node runs; Java handler tasks are read-only).
 */
public final class NodeRoutes {
    /** A task as listed: its settings, not its code. */
    record TaskView(String name, String queue, int maxAttempts, Long timeoutMs, boolean readOnly) {
        static TaskView of(Task t) {
            return new TaskView(t.name(), t.queue(), t.retryPolicy().maxAttempts(),
                    t.timeout() == null ? null : t.timeout().toMillis(), true);
        }
    }

    private NodeRoutes() {
    }

    public static void register(Javalin app, Hourglass hourglass) {
        app.get("/api/v1/nodes", ctx -> ctx.json(Map.of("items", hourglass.nodes())));
        app.get("/api/v1/tasks", ctx -> ctx.json(Map.of("items",
                hourglass.tasks().stream().map(TaskView::of).toList())));
        app.get("/api/v1/tasks/{name}", ctx -> {
            String name = ctx.pathParam("name");
            ctx.json(hourglass.tasks().stream().filter(t -> t.name().equals(name)).findFirst().map(TaskView::of)
                    .orElseThrow(() -> new NotFoundException("task", name)));
        });
    }
}
