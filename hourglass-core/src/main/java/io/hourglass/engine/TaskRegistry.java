package io.hourglass.engine;

import io.hourglass.ConflictException;
import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutorSettings;
import io.hourglass.executor.ExecutorType;
import io.hourglass.executor.Secrets;
import io.hourglass.queue.Ranker;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks this node knows: those registered in code (fixed at build) and those defined at runtime. A node runs
 * a defined task once it has built it from the stored definition with its own {@link ExecutorType}; every node,
 * even one that runs no work, applies a definition's queue, ranker and retry policy to the jobs of its task
 * ({@link #rules}), so a feed poller and a worker node agree on them. Reads are lock-free (the dispatcher asks for
 * the names every round); installs and removals are serialized, and a definition only ever replaces an older
 * version, so a late sync cannot bring back what a newer save replaced.
 *
 * <p>A definition with the {@link TaskDefinition#REMOTE remote} executor is never built: remote workers run its
 * jobs, so it only lends them its rules, and its name is not among those this node claims.
 *
 * <p>A definition this node cannot build (no such executor type here, or settings outside this node's limits)
 * is left to nodes that can: it is logged once per version and its jobs are not claimed here.
 */
final class TaskRegistry {
    private static final Logger log = LoggerFactory.getLogger(TaskRegistry.class);

    private record Defined(TaskDefinition definition, Task task, RetiringExecutor executor) {
    }

    /** What enqueues and retries of a task's jobs follow, wherever the task runs; {@code timeout} null for none. */
    record Rules(String queue, RetryPolicy retryPolicy, Ranker ranker, Duration timeout,
                 io.hourglass.task.OutcomeRules outcomeRules, Duration expiresAfter) {
    }

    private final String nodeName;
    private final Map<String, Task> codeTasks;
    private final Map<String, ExecutorType> types;
    private final boolean runsWork;
    private final Secrets secrets;
    private volatile Map<String, TaskDefinition> definitions = Map.of();
    private final Map<String, Defined> defined = new ConcurrentHashMap<>();
    /** Versions this node could not build, so each is logged once. */
    private final Map<String, Long> unbuildable = new HashMap<>();
    private volatile Set<String> names;

    TaskRegistry(String nodeName, Map<String, Task> codeTasks, Map<String, ExecutorType> types, Secrets secrets,
                 boolean runsWork) {
        this.nodeName = nodeName;
        this.runsWork = runsWork;
        this.secrets = secrets;
        this.codeTasks = Map.copyOf(codeTasks);
        this.types = Map.copyOf(types);
        this.names = Set.copyOf(codeTasks.keySet());
    }

    /** The task of this name that this node runs, or null. */
    Task get(String name) {
        Task task = codeTasks.get(name);
        if (task != null) {
            return task;
        }
        Defined entry = defined.get(name);
        return entry == null ? null : entry.task();
    }

    /** The queue, retry policy and ranker of a task known here (in code or by definition), or null. */
    Rules rules(String name) {
        Task task = get(name);
        if (task != null) {
            return new Rules(task.queue(), task.retryPolicy(), task.ranker(), task.timeout(), task.outcomeRules(),
                    task.expiresAfter());
        }
        TaskDefinition definition = definitions.get(name);
        return definition == null ? null : new Rules(definition.queue(), definition.retryPolicy(),
                definition.ranker().toRanker(), definition.timeout(), definition.outcomeRules(),
                definition.expiresAfter());
    }

    /** Whether this node runs {@code name} as a task defined at runtime (not registered in code). */
    boolean isDefined(String name) {
        return defined.containsKey(name);
    }

    /**
     * Whether each of {@code names} runs here with the version {@code stored} holds for it (false when one is no
     * longer stored): if so, a sync with {@code stored} would change nothing for them.
     */
    boolean runsStoredVersions(List<TaskDefinition> stored, Set<String> names) {
        Map<String, Long> versions = new HashMap<>();
        stored.forEach(definition -> versions.put(definition.name(), definition.version()));
        return names.stream().allMatch(name -> {
            Defined current = defined.get(name);
            Long version = versions.get(name);
            return current != null && version != null && version == current.definition().version();
        });
    }

    /** The names of every task this node runs now. */
    Set<String> names() {
        return names;
    }

    Collection<Task> tasks() {
        List<Task> all = new ArrayList<>(codeTasks.values());
        defined.values().forEach(entry -> all.add(entry.task()));
        return all;
    }

    /** Refuses to define a task that code registered on this node: the code is its definition. */
    void requireNotInCode(String name, String action) {
        if (codeTasks.containsKey(name)) {
            throw new ConflictException("task '" + name + "' is registered in code on node " + nodeName
                    + "; it cannot be " + action + " at runtime");
        }
    }

    /**
     * Builds the task a definition describes, checking its settings against this node's executor type; the
     * caller installs it, or retires its executor if the definition is not saved.
     */
    Task build(TaskDefinition definition) {
        ExecutorType type = types.get(definition.executor());
        if (type == null) {
            throw new InvalidRequestException("executor", "node " + nodeName + " has no executor '"
                    + definition.executor() + "'" + (types.isEmpty() ? "; none is enabled here"
                    : "; it has " + new TreeSet<>(types.keySet())));
        }
        ExecutorSettings settings = ExecutorSettings.of(definition.executor(), definition.settings(), secrets);
        RetiringExecutor executor = new RetiringExecutor(definition.name(), type.create(definition.name(), settings));
        return Task.builder(definition.name()).executor(executor).queue(definition.queue())
                .retryPolicy(definition.retryPolicy()).timeout(definition.timeout())
                .ranker(definition.ranker().toRanker()).outcomeRules(definition.outcomeRules())
                .expiresAfter(definition.expiresAfter()).build();
    }

    /** Runs {@code task}, built from {@code definition}, from now on, unless a newer version is already here. */
    synchronized void install(TaskDefinition definition, Task task) {
        Defined current = defined.get(definition.name());
        if (current != null && current.definition().version() >= definition.version()) {
            retire(task);
            return;
        }
        defined.put(definition.name(), new Defined(definition, task, (RetiringExecutor) task.executor()));
        remember(definition);
        unbuildable.remove(definition.name());
        refreshNames();
        if (current != null) {
            current.executor().retire();
        }
        log.info("{}: task '{}' version {} defined: {} executor, queue {}", nodeName, definition.name(),
                definition.version(), definition.executor(), definition.queue());
    }

    /**
     * Applies a saved definition of a task that remote workers run, unless a newer version is already here: its
     * rules from now on, and if this node ran an older definition of the name, it stops running it.
     */
    synchronized void learnRemote(TaskDefinition definition) {
        TaskDefinition known = definitions.get(definition.name());
        if (known != null && known.version() >= definition.version()) {
            return;
        }
        remember(definition);
        stopRunning(definition.name());
        unbuildable.remove(definition.name());
        log.info("{}: task '{}' version {} defined: run by remote workers, queue {}", nodeName, definition.name(),
                definition.version(), definition.queue());
    }

    /** Stops running a defined task here; attempts inside its executor finish. */
    synchronized void remove(String name) {
        forget(name);
        if (defined.containsKey(name)) {
            stopRunning(name);
            log.info("{}: task '{}' is no longer defined", nodeName, name);
        }
    }

    /** Stops running every defined task here: each executor is closed once its attempts are out. */
    synchronized void retireAll() {
        for (String name : List.copyOf(defined.keySet())) {
            stopRunning(name);
        }
    }

    /** Retires the executor of a task that was built but will not run (its definition was not saved). */
    static void retire(Task task) {
        if (task.executor() instanceof RetiringExecutor executor) {
            executor.retire();
        }
    }

    /** Brings the defined tasks in line with the stored definitions; true when the set of task names changed. */
    synchronized boolean sync(List<TaskDefinition> stored) {
        Set<String> before = names;
        Set<String> present = new LinkedHashSet<>();
        for (TaskDefinition definition : stored) {
            present.add(definition.name());
            remember(definition);
            if (definition.isRemote()) {
                stopRunning(definition.name()); // if an older definition of the name ran here
                continue;
            }
            if (!runsWork) {
                continue;
            }
            if (codeTasks.containsKey(definition.name())) {
                warnOnce(definition, "a task of that name is registered in code here");
                continue;
            }
            Defined current = defined.get(definition.name());
            if (current != null && current.definition().version() >= definition.version()) {
                continue;
            }
            try {
                install(definition, build(definition));
            } catch (RuntimeException e) {
                stopRunning(definition.name()); // the stored definition replaced what ran here: not a stale one
                warnOnce(definition, e.getMessage());
            }
        }
        for (String name : List.copyOf(definitions.keySet())) {
            if (!present.contains(name)) {
                remove(name);
            }
        }
        unbuildable.keySet().retainAll(present);
        return !before.equals(names);
    }

    private void warnOnce(TaskDefinition definition, String why) {
        Long seen = unbuildable.put(definition.name(), definition.version());
        if (seen == null || seen != definition.version()) {
            log.warn("{}: not running task '{}' version {} ({} executor) here: {}", nodeName, definition.name(),
                    definition.version(), definition.executor(), why);
        }
    }

    private void stopRunning(String name) {
        Defined current = defined.remove(name);
        if (current != null) {
            refreshNames();
            current.executor().retire();
        }
    }

    /** Keeps the newest version of each definition for {@link #rules}. */
    private void remember(TaskDefinition definition) {
        TaskDefinition known = definitions.get(definition.name());
        if (known == null || known.version() < definition.version()) {
            Map<String, TaskDefinition> copy = new HashMap<>(definitions);
            copy.put(definition.name(), definition);
            definitions = Map.copyOf(copy);
        }
    }

    private void forget(String name) {
        if (definitions.containsKey(name)) {
            Map<String, TaskDefinition> copy = new HashMap<>(definitions);
            copy.remove(name);
            definitions = Map.copyOf(copy);
        }
    }

    private void refreshNames() {
        Set<String> all = new LinkedHashSet<>(codeTasks.keySet());
        all.addAll(defined.keySet());
        names = Set.copyOf(all);
    }
}
