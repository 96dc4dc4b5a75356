package io.hourglass.engine;

import io.hourglass.UnknownTaskException;
import io.hourglass.store.Incarnation;
import io.hourglass.store.Node;
import io.hourglass.store.Store;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether anything would run a task's jobs, asked before a job or schedule of it is accepted. A task is known when
 * it is registered in code on this node, defined at runtime (read from the store on a miss, so a definition saved
 * a moment ago on another node counts before its notification arrives), or run by a node in the nodes table (a
 * task in code on another node; the table lists what each node ran at its last heartbeat, and a node that stopped
 * cleanly has left it). This node's own row is not asked: its registry says what it runs now, while the row says
 * what it ran at its last heartbeat (a task deleted since would still count). The store is only read for names
 * this node does not know itself, so enqueues of known tasks cost nothing extra.
 */
final class KnownTasks {
    private final TaskRegistry tasks;
    private final Store store;
    private final Supplier<Optional<Incarnation>> running;

    /** @param running this node's current incarnation while it runs, else empty */
    KnownTasks(TaskRegistry tasks, Store store, Supplier<Optional<Incarnation>> running) {
        this.tasks = tasks;
        this.store = store;
        this.running = running;
    }

    /** Throws {@link UnknownTaskException} for the first of {@code names} that nothing runs. */
    void require(Collection<String> names) {
        Set<String> missing = new LinkedHashSet<>();
        for (String name : names) {
            if (tasks.rules(name) == null) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        missing.removeIf(name -> store.findTaskDefinition(name).isPresent());
        if (missing.isEmpty()) {
            return;
        }
        String self = running.get().map(Incarnation::owner).orElse(null);
        Set<String> runByNodes = new HashSet<>();
        for (Node node : store.findNodes()) {
            if (self == null || !self.equals(node.incarnation())) {
                runByNodes.addAll(node.tasks());
            }
        }
        for (String name : missing) {
            if (!runByNodes.contains(name)) {
                throw new UnknownTaskException(name);
            }
        }
    }
}
