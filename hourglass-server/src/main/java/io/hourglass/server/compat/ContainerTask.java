package io.hourglass.server.compat;

import io.hourglass.docker.ContainerExecutor;
import io.hourglass.docker.ContainerSettings;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.server.config.Setting;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;

/**
 * The task behind the container-jobs API: run the image named by the job's {@code image} keyword argument on the
 * configured Docker-compatible engine, which allows only the configured image patterns.
 *
 * <p>With no engine configured, each job ends, when due, with an {@code infra_error} that says which settings to
 * set, and is not retried: retrying cannot help, and the job should reach {@code history} with a clear message
 * rather than linger. With an engine, the task keeps the default retry policy (infra errors retried with backoff).
 */
public final class ContainerTask implements AutoCloseable {
    public static final String NAME = "container";
    public static final String IMAGE_ARG = "image";

    private final Task task;
    private final ContainerExecutor executor;

    private ContainerTask(Task task, ContainerExecutor executor) {
        this.task = task;
        this.executor = executor;
    }

    /** The task for these settings; close it on shutdown to release the engine connection. */
    public static ContainerTask create(ServerConfig config, String nodeName) {
        if (config.containerEngine() == null) {
            return new ContainerTask(notConfigured(), null);
        }
        ContainerExecutor executor = new ContainerExecutor(ContainerSettings.builder()
                .endpoint(config.containerEngine()).nodeName(nodeName)
                .allowedImages(config.containerImages()).build());
        return new ContainerTask(Task.builder(NAME).executor(executor).build(), executor);
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

    @Override
    public void close() {
        if (executor != null) {
            executor.close();
        }
    }
}
