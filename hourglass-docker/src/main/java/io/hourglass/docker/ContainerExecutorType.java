package io.hourglass.docker;

import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutorSettings;
import io.hourglass.executor.ExecutorType;
import io.hourglass.executor.JobExecutor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code container} executor type: builds a {@link ContainerExecutor} from a task definition's settings, within
 * limits only the node's operator sets. Running a container is running code on the node's engine, so the split is:
 *
 * <ul>
 *   <li>The operator, in the {@link ContainerSettings} the type is built with: the engine ({@code endpoint},
 *       {@code apiVersion}, {@code connectTimeout}, {@code maxConnections}), the {@code nodeName} containers are
 *       labelled with, and what any task may use: {@code allowedImages} (required, not empty: a node that should run
 *       no container task simply has no container type), {@code allowedNetworks} and {@code allowedHostPaths}. The
 *       same settings' {@code memory}, {@code cpus}, {@code network}, {@code pullPolicy}, {@code labels},
 *       {@code maxOutputChars} and {@code errorTailChars} are the defaults of every defined task; they must not fix
 *       an {@code image}.</li>
 *   <li>The task definition, as data:</li>
 * </ul>
 *
 * <table>
 *   <caption>Settings of a defined task</caption>
 *   <tr><th>setting</th><th>type</th><th>default</th></tr>
 *   <tr><td>{@code image}</td><td>string; must match the node's allowed image patterns</td>
 *       <td>none: each job names its image (checked against the patterns when it runs)</td></tr>
 *   <tr><td>{@code memory}</td><td>string such as {@code "256m"}, {@code "1g"}</td><td>the node's</td></tr>
 *   <tr><td>{@code cpus}</td><td>number in (0, 1024]</td><td>the node's</td></tr>
 *   <tr><td>{@code network}</td><td>string, one of the node's allowed networks</td><td>the node's</td></tr>
 *   <tr><td>{@code pullPolicy}</td><td>{@code "if_missing"} or {@code "never"}</td><td>the node's</td></tr>
 *   <tr><td>{@code labels}</td><td>object of strings, added to the node's</td><td>none</td></tr>
 *   <tr><td>{@code maxOutputChars}, {@code errorTailChars}</td><td>whole numbers</td><td>the node's</td></tr>
 * </table>
 *
 * <p>Jobs give their container through kwargs exactly as for a {@link ContainerExecutor} in code ({@code command},
 * {@code env}, {@code memory}, ...; {@code image} only when the task fixes none, or the same one).
 *
 * <p>All executors of the type share one engine client (and its pool of {@code maxConnections} connections), owned
 * by the type: redefining a task opens nothing new, the executors' own {@code close()} leaves the client open, and
 * {@link #close()} closes it, after the node that uses the type has stopped.
 */
public final class ContainerExecutorType implements ExecutorType {
    public static final String NAME = "container";
    private static final Logger log = LoggerFactory.getLogger(ContainerExecutorType.class);
    private static final String[] SETTINGS = {"image", "memory", "cpus", "network", "pullPolicy", "labels",
            "maxOutputChars", "errorTailChars"};
    /** Builder settings a definition may not choose: they pick the engine or widen what every task may do. */
    private static final Set<String> NODE_ONLY = Set.of("endpoint", "apiVersion", "nodeName", "allowedImages",
            "allowedNetworks", "allowedHostPaths", "connectTimeout", "maxConnections");

    private final ContainerSettings node;
    private final ImageAllowList allowList;
    private final ContainerEngine engine;

    /**
     * @param node the engine, node name, limits and task defaults (see the class comment)
     * @throws InvalidRequestException naming {@code allowedImages} when it is empty, or {@code image} when set
     */
    public ContainerExecutorType(ContainerSettings node) {
        this.node = Objects.requireNonNull(node, "node");
        InvalidRequestException.require(!node.allowedImages().isEmpty(), "allowedImages",
                "a container executor type needs allowed image patterns, such as localhost/*; to run no container "
                        + "tasks on this node, do not register the type");
        InvalidRequestException.require(node.image() == null, "image",
                "the node's settings cannot fix one image for every defined task; each definition names its own");
        this.allowList = new ImageAllowList(node.allowedImages());
        this.engine = ContainerEngine.connect(node);
        log.info("container executor type ready: endpoint={} node={} allowedImages={} allowedNetworks={} "
                        + "allowedHostPaths={}", node.endpoint(), node.nodeName(), node.allowedImages(),
                node.allowedNetworks(), node.allowedHostPaths());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The operator's settings this type was built with. */
    public ContainerSettings node() {
        return node;
    }

    @Override
    public JobExecutor create(String taskName, ExecutorSettings settings) {
        return new ContainerExecutor(settings(settings), engine);
    }

    /** Maps a definition's settings onto {@link ContainerSettings} within the node's limits. */
    ContainerSettings settings(ExecutorSettings settings) {
        settings.refuseOperatorSettings(NODE_ONLY);
        settings.allowOnly(SETTINGS);
        ContainerSettings.Builder builder = forTask(node);
        String image = settings.string("image", null);
        if (image != null) {
            InvalidRequestException.require(ContainerSpec.isImageName(image), "settings.image",
                    "must be an image name like localhost/app:1.0, was '" + image + "'");
            InvalidRequestException.require(allowList.allows(image), "settings.image",
                    "image '" + image + "' matches none of this node's allowed image patterns " + node.allowedImages());
            builder.image(image);
        }
        try {
            if (settings.has("memory")) {
                builder.memory(settings.string("memory", null));
            }
            if (settings.has("cpus")) {
                builder.cpus(number(settings, "cpus"));
            }
            builder.network(settings.string("network", node.network()));
            if (settings.has("pullPolicy")) {
                builder.pullPolicy(pullPolicy(settings.string("pullPolicy", null)));
            }
            settings.stringMap("labels").forEach(builder::label);
            builder.maxOutputChars(settings.integer("maxOutputChars", node.maxOutputChars(), 0, Integer.MAX_VALUE));
            builder.errorTailChars(settings.integer("errorTailChars", node.errorTailChars(), 0, Integer.MAX_VALUE));
            return builder.build();
        } catch (InvalidRequestException e) {
            throw asSetting(e);
        }
    }

    /** The node's settings as a builder, to which a definition adds its own. */
    private static ContainerSettings.Builder forTask(ContainerSettings node) {
        ContainerSettings.Builder builder = ContainerSettings.builder()
                .endpoint(node.endpoint().toString()).apiVersion(node.apiVersion()).nodeName(node.nodeName())
                .allowedImages(node.allowedImages()).allowedNetworks(node.allowedNetworks())
                .allowedHostPaths(node.allowedHostPaths()).connectTimeout(node.connectTimeout())
                .maxConnections(node.maxConnections()).cpus(node.cpus()).network(node.network())
                .pullPolicy(node.pullPolicy());
        if (node.memoryBytes() != null) {
            builder.memory(Long.toString(node.memoryBytes()));
        }
        node.labels().forEach(builder::label);
        return builder;
    }

    private static Double number(ExecutorSettings settings, String key) {
        Object value = settings.values().get(key);
        if (!(value instanceof Number n)) {
            throw new InvalidRequestException("settings." + key,
                    "must be a number such as 0.5 or 2, was " + MemorySize.describe(value));
        }
        return n.doubleValue();
    }

    private static PullPolicy pullPolicy(String value) {
        try {
            return PullPolicy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("settings.pullPolicy",
                    "must be \"if_missing\" or \"never\", was \"" + value + "\"");
        }
    }

    /** The builder names its own fields; a definition's become {@code settings.<key>}. */
    private static InvalidRequestException asSetting(InvalidRequestException e) {
        if (e.field() == null || e.field().startsWith("settings.")) {
            return e;
        }
        String prefix = e.field() + ": ";
        String rule = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        if (Arrays.asList(SETTINGS).contains(e.field())) {
            return new InvalidRequestException("settings." + e.field(), rule);
        }
        return new InvalidRequestException("executor", "this node's container executor type: " + e.getMessage());
    }

    /**
     * Removes containers labelled with this node's name whose job no longer runs here (left by a crash): see
     * {@link ContainerExecutor#removeOrphans}. Call it when the node starts, before it runs jobs.
     */
    public int removeOrphans(Predicate<Long> stillRunningHere) {
        return ContainerExecutor.removeOrphans(engine, node.nodeName(), stillRunningHere);
    }

    /** Closes the engine client the executors share; call it after the node that uses the type has stopped. */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "ContainerExecutorType[endpoint=" + node.endpoint() + ", node=" + node.nodeName() + ", allowedImages="
                + node.allowedImages() + "]";
    }
}
