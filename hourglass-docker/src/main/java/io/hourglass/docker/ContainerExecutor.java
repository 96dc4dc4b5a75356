package io.hourglass.docker;

import com.github.dockerjava.api.model.Container;
import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.InfrastructureException;
import io.hourglass.executor.JobExecutor;
import io.hourglass.task.JobContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each attempt as a container on a Docker-compatible engine (Docker, or podman's Docker API):
 * create, start, wait, read its output, and always remove it.
 *
 * <p>How outcomes are decided, and why:
 * <ul>
 *   <li>Bad kwargs and images outside the allow-list are {@code failed}, not retried: running again cannot help.</li>
 *   <li>Anything the engine could not do before the container ran (unreachable, image missing, create refused) is
 *       {@code infra_error}: the work never started, so a retry is safe.</li>
 *   <li>Exit code 0 is {@code succeeded}; any other is {@code failed} with the code and the output's tail. A
 *       command the image cannot run (not found, not executable) is {@code failed} too.</li>
 *   <li>A stop from the engine kills the container; the attempt is then {@code cancelled} or {@code timed_out},
 *       whatever the exit code says.</li>
 * </ul>
 * Every container carries labels naming its job, attempt and node, so {@link #removeOrphans} can find containers
 * left behind by a node that crashed before its {@code finally} ran.
 */
public final class ContainerExecutor implements JobExecutor, AutoCloseable {
    public static final String LABEL_JOB_ID = "io.hourglass.job-id";
    public static final String LABEL_ATTEMPT = "io.hourglass.attempt";
    public static final String LABEL_NODE = "io.hourglass.node";
    public static final String LABEL_MANAGED = "io.hourglass.managed";

    private static final Logger log = LoggerFactory.getLogger(ContainerExecutor.class);

    private final ContainerSettings settings;
    private final ImageAllowList allowList;
    private final ContainerEngine engine;
    /** False when the engine is shared ({@link ContainerExecutorType}): then whoever shares it closes it. */
    private final boolean ownsEngine;

    /** An executor with its own connections to the engine; {@link #close()} releases them. */
    public ContainerExecutor(ContainerSettings settings) {
        this(settings, ContainerEngine.connect(settings), true);
    }

    /** An executor on an engine connection shared with others; {@link #close()} leaves it open. */
    ContainerExecutor(ContainerSettings settings, ContainerEngine engine) {
        this(settings, engine, false);
    }

    private ContainerExecutor(ContainerSettings settings, ContainerEngine engine, boolean ownsEngine) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.allowList = new ImageAllowList(settings.allowedImages());
        this.engine = Objects.requireNonNull(engine, "engine");
        this.ownsEngine = ownsEngine;
        log.info("container executor: endpoint={} api={} node={} allowedImages={} image={} pullPolicy={} network={} "
                        + "memoryBytes={} cpus={} allowedHostPaths={}", settings.endpoint(), settings.apiVersion(),
                settings.nodeName(), settings.allowedImages(), settings.image(), settings.pullPolicy(),
                settings.network(), settings.memoryBytes(), settings.cpus(), settings.allowedHostPaths());
    }

    public ContainerSettings settings() {
        return settings;
    }

    @Override
    public ExecutionResult execute(JobContext context) {
        ContainerSpec spec;
        try {
            spec = ContainerSpec.parse(context.kwargs(), settings);
        } catch (InvalidRequestException e) {
            return ExecutionResult.failed("invalid container job: " + e.getMessage());
        }
        if (!allowList.allows(spec.image())) {
            return ExecutionResult.failed(allowList.patterns().isEmpty()
                    ? "image '" + spec.image() + "' is not allowed: configure allowed images (patterns) for the "
                            + "container executor"
                    : "image '" + spec.image() + "' is not allowed: it matches none of the allowed image patterns "
                            + allowList.patterns());
        }
        String containerId = null;
        try {
            engine.ensureImage(spec.image(), settings.pullPolicy());
            containerId = engine.create(containerName(context), spec, labels(context));
            return run(context, spec, containerId);
        } catch (InfrastructureException e) {
            return context.isStopRequested() ? stopped(context, null) : ExecutionResult.infraError(e.getMessage());
        } finally {
            if (containerId != null) {
                removeUninterrupted(containerId);
            }
        }
    }

    private ExecutionResult run(JobContext context, ContainerSpec spec, String containerId) {
        context.onStop(() -> engine.kill(containerId));
        if (context.isStopRequested()) {
            return stopped(context, null);
        }
        String notRunnable = engine.start(containerId);
        if (notRunnable != null) {
            String command = spec.command().isEmpty() ? "the image's default command" : "command " + spec.command();
            return ExecutionResult.failed("container could not run " + command + ": " + notRunnable);
        }
        if (context.isStopRequested()) {
            engine.kill(containerId); // the stop raced the start: its kill found nothing running
        }
        int exitCode = engine.awaitExit(containerId);
        OutputCollector output = new OutputCollector(context, settings.maxOutputChars(), settings.errorTailChars());
        engine.readLogs(containerId, output);
        if (context.isStopRequested()) {
            return stopped(context, output);
        }
        if (exitCode == 0) {
            return ExecutionResult.succeeded().withExitCode(0);
        }
        return ExecutionResult.failed("container exited with code " + exitCode + withTail(output)).withExitCode(exitCode);
    }

    private ExecutionResult stopped(JobContext context, OutputCollector output) {
        return ExecutionResult.stopped(context, "container killed" + (output == null ? "" : withTail(output)));
    }

    private static String withTail(OutputCollector output) {
        String tail = output.tail();
        return tail.isEmpty() ? "" : "; output ends with:\n" + tail;
    }

    /** Removal must happen even when the engine interrupted this thread to stop the job. */
    private void removeUninterrupted(String containerId) {
        boolean interrupted = Thread.interrupted();
        try {
            engine.remove(containerId);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String containerName(JobContext context) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return "hourglass-job" + context.jobId() + "-a" + context.attempt() + "-" + suffix;
    }

    private Map<String, String> labels(JobContext context) {
        Map<String, String> labels = new LinkedHashMap<>(settings.labels());
        labels.put(LABEL_JOB_ID, Long.toString(context.jobId()));
        labels.put(LABEL_ATTEMPT, Integer.toString(context.attempt()));
        labels.put(LABEL_NODE, settings.nodeName());
        labels.put(LABEL_MANAGED, "true");
        return labels;
    }

    /**
     * Removes containers this executor started for node {@code nodeName} whose job no longer runs here, e.g. after
     * a crash. Called by the server at start, before it runs jobs.
     *
     * @param stillRunningHere true for a job id whose attempt still runs on this node (its container is kept)
     * @return how many containers were removed
     * @throws InfrastructureException when the engine cannot be reached
     */
    public int removeOrphans(String nodeName, Predicate<Long> stillRunningHere) {
        return removeOrphans(engine, nodeName, stillRunningHere);
    }

    static int removeOrphans(ContainerEngine engine, String nodeName, Predicate<Long> stillRunningHere) {
        int removed = 0;
        for (Container container : engine.listLabelled(Map.of(LABEL_MANAGED, "true", LABEL_NODE, nodeName))) {
            Long jobId = jobId(container);
            if (jobId != null && stillRunningHere.test(jobId)) {
                continue;
            }
            if (engine.remove(container.getId())) {
                removed++;
                log.info("removed orphan container {} of job {} on node {}", container.getId(), jobId, nodeName);
            }
        }
        return removed;
    }

    private static Long jobId(Container container) {
        String value = container.getLabels() == null ? null : container.getLabels().get(LABEL_JOB_ID);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            log.warn("container {} has a malformed {} label '{}'; treating it as an orphan",
                    container.getId(), LABEL_JOB_ID, value);
            return null;
        }
    }

    /** Releases the engine connections, unless they are shared (then their owner closes them). */
    @Override
    public void close() {
        if (ownsEngine) {
            engine.close();
        }
    }
}
