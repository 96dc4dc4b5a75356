package io.hourglass.engine;

import io.hourglass.UnknownTaskException;
import io.hourglass.store.Incarnation;
import io.hourglass.store.Node;
import io.hourglass.store.Store;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Whether anything would run a task's jobs, asked before a job or schedule of it is accepted. A task is known when
 * it is registered in code on this node, defined at runtime (read from the store on a miss, so a definition saved
 * a moment ago on another node counts before its notification arrives), or run by a node in the nodes table (a
 * task in code on another node; the table lists what each node ran at its last heartbeat, and a node that stopped
 * cleanly has left it). This node's own row is not asked: its registry says what it runs now, while the row says
 * what it ran at its last heartbeat (a task deleted since would still count). The store is only read for names
 * this node does not know itself, so enqueues of known tasks cost nothing extra; and a name the store confirmed is
 * taken as known for a second ({@link #CONFIRMED_FOR_NANOS}, as enqueue treats queue settings), so a node that only
 * enqueues (a web front end) does not read the definitions and the nodes table on every enqueue. Refusals are never
 * remembered: a task defined a moment ago is accepted at once.
 */
final class KnownTasks {
    private final TaskRegistry tasks;
    private final Store store;
    private final Supplier<Optional<Incarnation>> running;
    static final long CONFIRMED_FOR_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** System.nanoTime() until which a name the store confirmed counts as known without asking it again. */
    private final Map<String, Long> confirmedUntil = new ConcurrentHashMap<>();

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
            if (tasks.rules(name) == null && !recentlyConfirmed(name)) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Set<String> asked = Set.copyOf(missing);
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
        long until = System.nanoTime() + CONFIRMED_FOR_NANOS;
        asked.forEach(name -> confirmedUntil.put(name, until));
    }

    private boolean recentlyConfirmed(String name) {
        Long until = confirmedUntil.get(name);
        return until != null && System.nanoTime() - until < 0;
    }
}
