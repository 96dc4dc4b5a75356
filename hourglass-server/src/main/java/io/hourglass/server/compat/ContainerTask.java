package io.hourglass.server.compat;

import io.hourglass.executor.ExecutionResult;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;

/**
 * The task behind the container-jobs API: run the image named by the job's {@code image} keyword argument. This
 * server has no container engine wired in (the container executor lives in its own module), so each job, when
 * due, ends at once with an {@code infra_error} that says so, and is not retried: retrying cannot help, and the
 * job should reach {@code history} with a clear message rather than linger.
 */
public final class ContainerTask {
    public static final String NAME = "container";
    public static final String IMAGE_ARG = "image";

    private ContainerTask() {
    }

    public static Task notConfigured() {
        return Task.builder(NAME)
                .executor(context -> ExecutionResult.infraError("container executor is not configured: this server"
                        + " runs without a container engine connection (the hourglass-docker executor is not wired"
                        + " in), so image '" + context.kwargs().get(IMAGE_ARG) + "' of job " + context.jobId()
                        + " was not run"))
                .retryPolicy(RetryPolicy.NONE)
                .build();
    }
}
