package io.hourglass.server.compat;

import io.hourglass.docker.ContainerExecutor;
import io.hourglass.docker.ContainerSettings;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.InfrastructureException;
import io.hourglass.server.config.Setting;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task behind the container-jobs API: run the image named by the job's {@code image} keyword argument on the
 * configured Docker-compatible engine, which allows only the configured image patterns.
 *
 * <p>With no engine configured, each job ends, when due, with an {@code infra_error} that says which settings to
 * set, and is not retried: retrying cannot help, and the job should reach {@code history} with a clear message
 * rather than linger. With an engine, the task keeps the default retry policy (infra errors retried with backoff).
 * Each container is labelled with this node's name, so that containers a crashed run of this node left behind can be
 * removed at the next start ({@link #removeOrphans}).
 */
public final class ContainerTask implements AutoCloseable {
    public static final String NAME = "container";
    public static final String IMAGE_ARG = "image";
    public static final String COMMAND_ARG = "command";

    private static final Logger log = LoggerFactory.getLogger(ContainerTask.class);

    private final Task task;
    private final ContainerExecutor executor;
    private final String nodeName;

    private ContainerTask(Task task, ContainerExecutor executor, String nodeName) {
        this.task = task;
        this.executor = executor;
        this.nodeName = nodeName;
    }

    /** The task for these settings; close it on shutdown to release the engine connection. */
    public static ContainerTask create(ServerConfig config, String nodeName) {
        if (config.containerEngine() == null) {
            return new ContainerTask(notConfigured(), null, nodeName);
        }
        ContainerExecutor executor = new ContainerExecutor(ContainerSettings.builder()
                .endpoint(config.containerEngine()).nodeName(nodeName)
                .allowedImages(config.containerImages()).build());
        return new ContainerTask(Task.builder(NAME).executor(executor).build(), executor, nodeName);
    }

    static Task notConfigured() {
        return Task.builder(NAME)
                .executor(context -> ExecutionResult.infraError("container executor is not configured: set "
                        + Setting.CONTAINER_ENGINE.label() + " (e.g. unix:///run/podman/podman.sock) and "
                        + Setting.CONTAINER_IMAGES.label() + "; image '" + context.kwargs().get(IMAGE_ARG)
                        + "' of job " + context.jobId() + " was not run"))
                .retryPolicy(RetryPolicy.NONE)
                .build();
    }

    public Task task() {
        return task;
    }

    public boolean isConfigured() {
        return executor != null;
    }

    /**
     * Removes the containers this node left behind when it stopped without cleaning up (a crash, a kill -9). Call
     * it before the engine runs jobs: then no container labelled with this node's name belongs to a running
     * attempt. Only a stable node name ({@code --node-name}) finds the previous run's containers. An engine that
     * does not answer is logged, not fatal: the jobs that need it will report it themselves.
     *
     * @return how many containers were removed (0 without an engine)
     */
    public int removeOrphans() {
        if (executor == null) {
            return 0;
        }
        try {
            int removed = executor.removeOrphans(nodeName, jobId -> false);
            if (removed > 0) {
                log.info("removed {} container(s) left behind by node {}", removed, nodeName);
            }
            return removed;
        } catch (InfrastructureException e) {
            log.warn("could not look for containers left behind by node {}: {}", nodeName, e.getMessage());
            return 0;
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.close();
        }
    }
}
