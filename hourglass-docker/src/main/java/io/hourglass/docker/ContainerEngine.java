package io.hourglass.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.Volume;
import io.hourglass.executor.InfrastructureException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine calls the container executor makes, each turning the engine's failures into an
 * {@link InfrastructureException} that says what was tried, where, and why it failed. Killing and removing are
 * best effort and never throw: they run on cleanup paths where another error may already be on its way.
 */
final class ContainerEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContainerEngine.class);
    private static final long LOGS_TIMEOUT_SECONDS = 60;
    private static final int REMOVE_TRIES = 20;
    private static final long REMOVE_RETRY_PAUSE_MILLIS = 50;
    /** How runc (under Docker and podman) says that the container's own command cannot be run. */
    private static final Pattern COMMAND_NOT_RUNNABLE = Pattern.compile("exec: \\\\?\"[^\"\\\\]+\\\\?\": "
            + "[^\"]*?(executable file not found|no such file or directory|permission denied)");

    private final DockerClient docker;
    private final String endpoint;

    ContainerEngine(DockerClient docker, String endpoint) {
        this.docker = docker;
        this.endpoint = endpoint;
    }

    /** A new client for the settings' endpoint; connections open as calls need them. */
    static ContainerEngine connect(ContainerSettings settings) {
        return new ContainerEngine(DockerClients.create(settings), settings.endpoint().toString());
    }

    /** Makes sure the image is on the engine, pulling it when the policy allows. */
    void ensureImage(String image, PullPolicy pullPolicy) {
        if (hasImage(image)) {
            return;
        }
        if (pullPolicy == PullPolicy.NEVER) {
            throw new InfrastructureException("image '" + image + "' is not on the container engine at " + endpoint
                    + " and the pull policy is never: load the image onto the engine");
        }
        PullCallback pull = new PullCallback();
        try {
            docker.pullImageCmd(image).exec(pull).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while pulling image '" + image + "'", e);
        } catch (RuntimeException e) {
            throw new InfrastructureException("image '" + image + "' is not on the container engine at " + endpoint
                    + " and pulling it failed: " + describe(e), e);
        }
        if (pull.failure != null) {
            throw new InfrastructureException("image '" + image + "' is not on the container engine at " + endpoint
                    + " and pulling it failed: " + oneLine(pull.failure));
        }
        if (!hasImage(image)) {
            throw new InfrastructureException("image '" + image + "' is still missing on the container engine at "
                    + endpoint + " after a pull that reported no error");
        }
    }

    /**
     * Collects a pull's errors. docker-java's own callback trips over podman's error items (they carry no status)
     * and logs failures at ERROR besides; this one keeps the engine's message for the attempt's error.
     */
    private static final class PullCallback extends ResultCallback.Adapter<PullResponseItem> {
        private volatile String failure;

        @Override
        public void onNext(PullResponseItem item) {
            if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
                failure = item.getErrorDetail().getMessage();
            } else if (item.getError() != null) {
                failure = item.getError();
            }
        }

        @Override
        public void onError(Throwable error) {
            failure = describe(error);
            closeQuietly(this);
        }
    }

    private boolean hasImage(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw unreachable("inspect image '" + image + "'", e);
        }
    }

    String create(String name, ContainerSpec spec, Map<String, String> labels) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode(spec.network())
                .withPrivileged(false)
                .withMemory(spec.memoryBytes())
                .withNanoCPUs(spec.cpus() == null ? null : Math.round(spec.cpus() * 1_000_000_000d))
                .withBinds(spec.mounts().stream()
                        .map(m -> new Bind(m.hostPath(), new Volume(m.containerPath()),
                                m.readOnly() ? AccessMode.ro : AccessMode.rw))
                        .toList());
        CreateContainerCmd command = docker.createContainerCmd(spec.image())
                .withName(name)
                .withLabels(labels)
                .withHostConfig(host)
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (!spec.command().isEmpty()) {
            command.withCmd(spec.command());
        }
        if (spec.workdir() != null) {
            command.withWorkingDir(spec.workdir());
        }
        try {
            return command.exec().getId();
        } catch (RuntimeException e) {
            throw unreachable("create a container from image '" + spec.image() + "'", e);
        }
    }

    /**
     * Starts the container. Returns null, or, when the engine refused because the job's command cannot be found or
     * run in the image (the job's own fault, exit code 126/127 under {@code docker run}), the engine's reason.
     */
    String start(String containerId) {
        try {
            docker.startContainerCmd(containerId).exec();
            return null;
        } catch (DockerException e) {
            String message = oneLine(e.getMessage());
            if (COMMAND_NOT_RUNNABLE.matcher(message).find()) {
                return message;
            }
            throw unreachable("start container " + containerId, e);
        } catch (RuntimeException e) {
            throw unreachable("start container " + containerId, e);
        }
    }

    /** Blocks until the container exits and returns its exit code. */
    int awaitExit(String containerId) {
        WaitContainerResultCallback callback;
        try {
            callback = docker.waitContainerCmd(containerId).exec(new WaitContainerResultCallback());
        } catch (RuntimeException e) {
            throw unreachable("wait for container " + containerId, e);
        }
        try {
            return callback.awaitStatusCode();
        } catch (RuntimeException e) {
            closeQuietly(callback);
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new InfrastructureException("interrupted while waiting for container " + containerId, e);
            }
            throw unreachable("wait for container " + containerId, e);
        }
    }

    private static void closeQuietly(java.io.Closeable callback) {
        try {
            callback.close();
        } catch (java.io.IOException e) {
            log.debug("closing an engine stream failed: {}", describe(e));
        }
    }

    /** Reads everything the (exited) container wrote into {@code collector}. */
    void readLogs(String containerId, OutputCollector collector) {
        try {
            boolean done = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                    .withFollowStream(false).exec(collector).awaitCompletion(LOGS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                throw new InfrastructureException("reading the logs of container " + containerId + " took more than "
                        + LOGS_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while reading the logs of container " + containerId, e);
        } catch (RuntimeException e) {
            throw e instanceof InfrastructureException ie ? ie : unreachable("read the logs of " + containerId, e);
        }
    }

    /** Kills the container; a container already gone or stopped is fine. Never throws. */
    void kill(String containerId) {
        try {
            docker.killContainerCmd(containerId).exec();
        } catch (RuntimeException e) {
            log.debug("kill of container {} did nothing: {}", containerId, describe(e));
        }
    }

    /**
     * Removes the container, killing it first if it runs. Returns false (and logs) when the engine refused.
     *
     * <p>A forced remove that races a kill from a stop action can be refused by podman with "container state
     * improper" while the container is between running and stopped; that state lasts milliseconds, so the remove
     * is tried again a few times before giving up. It runs in a finally block of an attempt that may have been
     * interrupted by a timeout or a cancel, so the interrupt is set aside while it tries and restored after.
     */
    boolean remove(String containerId) {
        boolean interrupted = Thread.interrupted();
        try {
            RuntimeException last = null;
            for (int attempt = 1; attempt <= REMOVE_TRIES; attempt++) {
                try {
                    docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
                    return true;
                } catch (NotFoundException e) {
                    return true;
                } catch (RuntimeException e) {
                    last = e;
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(REMOVE_RETRY_PAUSE_MILLIS));
                    interrupted |= Thread.interrupted();
                }
            }
            log.warn("could not remove container {} on {}: {}; it is removed as an orphan when its node starts again",
                    containerId, endpoint, describe(last));
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** All containers, running or not, that carry every one of these labels. */
    List<Container> listLabelled(Map<String, String> labels) {
        try {
            return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
        } catch (RuntimeException e) {
            throw unreachable("list containers labelled " + labels, e);
        }
    }

    private InfrastructureException unreachable(String action, RuntimeException e) {
        return new InfrastructureException("container engine at " + endpoint + ": could not " + action + ": "
                + describe(e), e);
    }

    /** The failure and its root cause, in one line. */
    static String describe(Throwable failure) {
        Throwable e = failure;
        while (e.getClass() == RuntimeException.class && e.getCause() != null
                && String.valueOf(e.getMessage()).equals(e.getCause().toString())) {
            e = e.getCause(); // docker-java wraps I/O failures without adding anything
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = e.getClass().getSimpleName() + ": " + oneLine(e.getMessage());
        return root == e ? top : top + " (caused by " + root.getClass().getSimpleName() + ": "
                + oneLine(root.getMessage()) + ")";
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s+", " ");
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (java.io.IOException e) {
            log.debug("closing the docker client for {} failed: {}", endpoint, describe(e));
        }
    }
}
