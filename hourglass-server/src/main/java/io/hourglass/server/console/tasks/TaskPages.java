package io.hourglass.server.console.tasks;

import io.hourglass.ConflictException;
import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.server.api.tasks.TaskBody;
import io.hourglass.server.api.tasks.TaskView;
import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.ConsoleRefusal;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.hourglass.store.Node;
import io.hourglass.task.TaskDefinition;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The console's tasks: those registered in code on some node (known from the nodes' heartbeats, read-only) and
 * those defined at runtime (stored, cluster-wide), each with the nodes that run it. An admin defines, edits and
 * deletes defined tasks through {@code HourglassClient.defineTask} / {@code deleteTask}, with the API's body and
 * rules ({@link TaskForm}); settings are shown as the API shows them ({@link TaskView}: secrets masked).
 */
public final class TaskPages {
    /** The new-task form's path segment: no task is named so (names start with a letter or digit). */
    static final String NEW = "_new";

    private final HourglassClient client;
    private final Pages pages;

    private TaskPages(HourglassClient client, Pages pages) {
        this.client = client;
        this.pages = pages;
    }

    public static void register(Routes routes, HourglassClient client, Pages pages) {
        TaskPages p = new TaskPages(client, pages);
        String base = pages.base() + "/tasks";
        routes.get(base, Access.CONSOLE_READ, p::list).anyQuery().summary("Console: tasks").undocumented();
        routes.get(base + "/" + NEW, Access.CONSOLE_ADMIN, ctx -> p.form(ctx, 200, TaskForm.blank(), true))
                .summary("Console: the form defining a task").undocumented();
        routes.post(base + "/" + NEW, Access.CONSOLE_ADMIN, ctx -> p.save(ctx, true))
                .summary("Console: define a task").undocumented();
        routes.get(base + "/{name}", Access.CONSOLE_READ, p::show).anyQuery().summary("Console: one task")
                .undocumented();
        routes.get(base + "/{name}/edit", Access.CONSOLE_ADMIN, ctx -> p.form(ctx, 200,
                TaskForm.of(p.defined(ctx)), false)).summary("Console: the form editing a task").undocumented();
        routes.post(base + "/{name}/edit", Access.CONSOLE_ADMIN, ctx -> p.save(ctx, false))
                .summary("Console: save a task").undocumented();
        routes.get(base + "/{name}/delete", Access.CONSOLE_ADMIN, ctx -> p.confirmDelete(ctx, 200, null))
                .summary("Console: confirm deleting a task").undocumented();
        routes.post(base + "/{name}/delete", Access.CONSOLE_ADMIN, p::delete)
                .summary("Console: delete a task").undocumented();
    }

    /** A task as the list shows it: defined ones with their view, code ones with a null view. */
    public record TaskRow(String name, TaskView defined, Set<String> nodes) {
    }

    private void list(Context ctx) {
        Map<String, Set<String>> runners = runners();
        Map<String, TaskRow> rows = new TreeMap<>();
        for (TaskDefinition d : client.taskDefinitions()) {
            Set<String> nodes = runners.getOrDefault(d.name(), Set.of());
            rows.put(d.name(), new TaskRow(d.name(), TaskView.ofDefinition(d, !nodes.isEmpty()), nodes));
        }
        runners.forEach((name, nodes) -> rows.putIfAbsent(name, new TaskRow(name, null, nodes)));
        pages.render(ctx, "tasks/list.jte", Pages.params("chrome", pages.chrome(ctx, "Tasks", "tasks"),
                "rows", List.copyOf(rows.values()), "notice", notice(ctx)));
    }

    private void show(Context ctx) {
        String name = ctx.pathParam("name");
        Set<String> nodes = runners().getOrDefault(name, Set.of());
        Optional<TaskDefinition> definition = client.taskDefinition(name);
        if (definition.isEmpty() && nodes.isEmpty()) {
            throw new ConsoleRefusal(404, "no task '" + name + "': neither defined nor registered on a live node");
        }
        pages.render(ctx, "tasks/detail.jte", Pages.params("chrome", pages.chrome(ctx, "Task " + name, "tasks"),
                "row", new TaskRow(name, definition.map(d -> TaskView.ofDefinition(d, !nodes.isEmpty()))
                        .orElse(null), nodes), "notice", notice(ctx)));
    }

    private void form(Context ctx, int status, TaskForm form, boolean creating) {
        pages.render(ctx, status, "tasks/form.jte", Pages.params("chrome", pages.chrome(ctx, creating
                ? "Define a task" : "Edit task " + form.value("name"), "tasks"), "form", form, "creating", creating));
    }

    private void save(Context ctx, boolean creating) {
        TaskForm form = TaskForm.posted(ctx);
        String name = creating ? form.value("name") : defined(ctx).name();
        TaskDefinition saved;
        try {
            TaskBody body = form.toBody();
            TaskDefinition sent = TaskBody.keepingMaskedSettings(body.toDefinition(name), client);
            if (!creating) { // the form edits neither the ranker, outcome rules nor expiry: keep the stored ones
                TaskDefinition stored = client.taskDefinition(name).orElse(sent);
                sent = sent.withRanker(stored.ranker()).withOutcomeRules(stored.outcomeRules())
                        .withExpiresAfter(stored.expiresAfter());
            }
            saved = client.defineTask(sent, body.version());
        } catch (InvalidRequestException e) {
            form(ctx, 400, form.refused(e.field(), e.getMessage()), creating);
            return;
        } catch (ConflictException e) {
            form(ctx, 409, form.refused(null, e.getMessage()), creating);
            return;
        }
        pages.redirect(ctx, "/tasks/" + saved.name(), (saved.version() == 1 ? "Defined task " : "Saved task ")
                + saved.name() + " (version " + saved.version() + "): every node with the " + saved.executor()
                + " executor runs it from now on.");
    }

    private void confirmDelete(Context ctx, int status, String refusal) {
        TaskView task = defined(ctx);
        pages.render(ctx, status, "tasks/delete.jte", Pages.params("chrome", pages.chrome(ctx, "Delete task "
                + task.name(), "tasks"), "task", task, "refusal", refusal));
    }

    private void delete(Context ctx) {
        TaskView task = defined(ctx);
        try {
            client.deleteTask(task.name());
        } catch (ConflictException e) {
            confirmDelete(ctx, 409, e.getMessage());
            return;
        }
        pages.redirect(ctx, "/tasks", "Deleted task " + task.name() + ".");
    }

    /** The defined task named in the path, as shown; code tasks have no form. */
    private TaskView defined(Context ctx) {
        String name = ctx.pathParam("name");
        TaskDefinition d = client.taskDefinition(name).orElseThrow(() -> new ConsoleRefusal(404,
                "no defined task '" + name + "' (tasks registered in code are edited in code)"));
        return TaskView.ofDefinition(d, runners().containsKey(name));
    }

    /** Task name to the live nodes that run it, from their heartbeats. */
    private Map<String, Set<String>> runners() {
        Map<String, Set<String>> runners = new TreeMap<>();
        for (Node node : client.nodes()) {
            node.tasks().forEach(task -> runners.computeIfAbsent(task, t -> new TreeSet<>()).add(node.name()));
        }
        return runners;
    }

    private static String notice(Context ctx) {
        String notice = ctx.queryParam("notice");
        return notice == null || notice.isBlank() ? null : notice;
    }
}
