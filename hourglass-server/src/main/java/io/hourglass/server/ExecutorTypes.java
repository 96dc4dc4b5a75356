package io.hourglass.server;

import io.hourglass.InvalidRequestException;
import io.hourglass.celery.CeleryExecutorType;
import io.hourglass.docker.ContainerExecutorType;
import io.hourglass.docker.ContainerSettings;
import io.hourglass.executor.ExecutorType;
import io.hourglass.http.WebhookExecutorType;
import io.hourglass.server.config.ConfigException;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.server.config.Setting;
import io.hourglass.shell.ShellExecutorType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor types this server offers tasks defined at runtime, built from its settings: {@code webhook} and
 * {@code celery} as {@code --executors} lists them (both by default); {@code shell} only with an allow-list of
 * executables ({@code --shell-allow}); {@code container} only with an engine and image patterns. Shell and
 * container run code on this machine, so they stay off until the operator says what may run.
 *
 * <p>The server owns the types: it closes them after the engine has stopped, so no attempt still uses the clients
 * and connections they share.
 */
final class ExecutorTypes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExecutorTypes.class);

    private final List<ExecutorType> types;

    private ExecutorTypes(List<ExecutorType> types) {
        this.types = List.copyOf(types);
    }

    /**
     * Builds the enabled types and logs, once, which are enabled (settings that could hold secrets are not shown).
     *
     * @throws ConfigException naming the setting when a type refuses it (an executable not found, say)
     */
    static ExecutorTypes create(ServerConfig config, String nodeName, Clock clock) {
        List<ExecutorType> types = new ArrayList<>();
        try {
            for (String name : config.executors()) {
                types.add(switch (name) {
                    case WebhookExecutorType.NAME -> new WebhookExecutorType(clock);
                    case CeleryExecutorType.NAME -> new CeleryExecutorType(clock);
                    default -> throw new IllegalStateException("bug: the settings let through executor type '"
                            + name + "'");
                });
            }
            if (!config.shellAllow().isEmpty()) {
                types.add(shell(config, clock));
            }
            if (config.containerTasksEnabled()) {
                types.add(container(config, nodeName));
            }
        } catch (RuntimeException e) {
            new ExecutorTypes(types).close();
            throw e;
        }
        ExecutorTypes built = new ExecutorTypes(types);
        log.info("tasks defined at runtime may use the executor types {}{}{}", built.names(),
                config.shellAllow().isEmpty() ? "; shell is off (set " + Setting.SHELL_ALLOW.label() + ")" : "",
                config.containerTasksEnabled() ? "" : "; container is off (set " + Setting.CONTAINER_ENGINE.label()
                        + " and " + Setting.CONTAINER_IMAGES.label() + ")");
        return built;
    }

    private static ShellExecutorType shell(ServerConfig config, Clock clock) {
        try {
            return ShellExecutorType.builder().allow(config.shellAllow().toArray(String[]::new)).clock(clock).build();
        } catch (InvalidRequestException e) {
            throw new ConfigException("setting " + Setting.SHELL_ALLOW.label() + " cannot be used: "
                    + e.getMessage());
        }
    }

    private static ContainerExecutorType container(ServerConfig config, String nodeName) {
        try {
            return new ContainerExecutorType(ContainerSettings.builder().endpoint(config.containerEngine())
                    .nodeName(nodeName).allowedImages(config.containerImages()).build());
        } catch (InvalidRequestException e) {
            throw new ConfigException("settings " + Setting.CONTAINER_ENGINE.label() + " and "
                    + Setting.CONTAINER_IMAGES.label() + " cannot be used for container tasks: " + e.getMessage());
        }
    }

    List<ExecutorType> types() {
        return types;
    }

    List<String> names() {
        return types.stream().map(ExecutorType::name).toList();
    }

    /** Closes every type, in reverse order; a failure is logged and the others are still closed. */
    @Override
    public void close() {
        for (int i = types.size() - 1; i >= 0; i--) {
            ExecutorType type = types.get(i);
            try {
                type.close();
            } catch (Exception e) {
                log.warn("closing executor type '{}' failed: {}", type.name(), e.toString());
            }
        }
    }
}
