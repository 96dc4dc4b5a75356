package io.hourglass.server.api.tasks;

import io.hourglass.Hourglass;
import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.NotFoundException;
import io.hourglass.server.ServerServices;
import io.hourglass.server.http.ApiException;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import io.hourglass.server.auth.Access;
import io.hourglass.server.http.Items;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tasks under {@code /api/v1/tasks}: list and show every task (those this server registered in code, read-only,
 * and those defined at runtime, cluster-wide), define or replace one ({@code PUT}, admin), delete one (admin).
 *
 * <p>Two kinds of bad definition, two statuses: a body that is not a well-formed definition (not JSON, unknown or
 * wrong-typed fields, a bad duration, a retry policy or ranker out of range) is a 400; a well-formed definition
 * this node's executor type refuses (no such executor here, a setting it does not know or accept) is a 422, with
 * {@code field} {@code executor} or {@code settings.<key>}. Nothing is stored in either case.
 */
public final class TaskRoutes {
    private final HourglassClient client;
    private final Hourglass hourglass;
    private final JsonBodies bodies;
    private final Map<String, Task> codeTasks;

    private TaskRoutes(ServerServices services, Hourglass hourglass) {
        this.client = services.client();
        this.hourglass = hourglass;
        this.bodies = services.bodies();
        this.codeTasks = services.codeTasks().stream()
                .collect(Collectors.toMap(Task::name, t -> t, (a, b) -> a, LinkedHashMap::new));
    }

    public static void register(Routes routes, ServerServices services, Hourglass hourglass) {
        TaskRoutes r = new TaskRoutes(services, hourglass);
        routes.get("/api/v1/tasks", Access.READ, r::list)
                .summary("Every task: those registered in code on this node (source code, read-only) and those"
                        + " defined at runtime (source defined: executor, redacted settings, queue, retry, timeout,"
                        + " ranker, version, runsHere)")
                .response(Items.class, TaskView.class);
        routes.get("/api/v1/tasks/{name}", Access.READ, r::show).summary("One task").response(TaskView.class);
        routes.put("/api/v1/tasks/{name}", Access.ADMIN, r::define).body(TaskBody.class)
                .summary("Defines or replaces a task run by an executor type (admin); 201 created, 200 replaced;"
                        + " 400 malformed body, 422 settings or executor refused by this node, 409 task in code or"
                        + " version mismatch")
                .response(201, TaskView.class).response(200, TaskView.class);
        routes.delete("/api/v1/tasks/{name}", Access.ADMIN, r::delete)
                .summary("Deletes a task definition (admin); 409 when it is in code, used by schedules or has"
                        + " unfinished jobs")
                .response(204, null);
    }

    private void list(Context ctx) {
        Set<String> running = runningHere();
        List<TaskView> items = new ArrayList<>();
        codeTasks.values().forEach(task -> items.add(TaskView.ofCode(task)));
        for (TaskDefinition definition : client.taskDefinitions()) {
            if (!codeTasks.containsKey(definition.name())) { // on this node the code wins; the node logs why
                items.add(TaskView.ofDefinition(definition, running.contains(definition.name())));
            }
        }
        ctx.json(new Items<>(items));
    }

    private void show(Context ctx) {
        String name = ctx.pathParam("name");
        Task code = codeTasks.get(name);
        if (code != null) {
            ctx.json(TaskView.ofCode(code));
            return;
        }
        Optional<TaskDefinition> definition = client.taskDefinition(name);
        ctx.json(TaskView.ofDefinition(definition.orElseThrow(() -> new NotFoundException("task", name)),
                runningHere().contains(name)));
    }

    private void define(Context ctx) {
        TaskBody body = bodies.read(ctx, TaskBody.class);
        TaskDefinition definition = TaskBody.keepingMaskedSettings(body.toDefinition(ctx.pathParam("name")), client);
        TaskDefinition saved;
        try {
            saved = client.defineTask(definition, body.version());
        } catch (InvalidRequestException e) {
            // the body was well-formed (checked above): what is left is this node's executor type refusing it
            throw new ApiException(422, "unprocessable", e.field(), e.getMessage(), Map.of());
        }
        ctx.status(saved.version() == 1 ? 201 : 200)
                .json(TaskView.ofDefinition(saved, runningHere().contains(saved.name())));
    }

    private void delete(Context ctx) {
        String name = ctx.pathParam("name");
        if (!client.deleteTask(name)) {
            throw new NotFoundException("task", name);
        }
        ctx.status(204);
    }

    private Set<String> runningHere() {
        return hourglass.tasks().stream().map(Task::name).collect(Collectors.toSet());
    }
}
