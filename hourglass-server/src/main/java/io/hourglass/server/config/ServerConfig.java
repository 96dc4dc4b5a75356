package io.hourglass.server.config;

import io.hourglass.HourglassBuilder;
import io.hourglass.server.auth.CompatAccess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The server's settings, typed and validated (see {@link ServerConfigLoader} for where they come from).
 *
 * @param databaseUrl     a JDBC URL, or null for the embedded H2 database under {@code dataDir}
 * @param zone            the zone the container-jobs API reads and writes dates in
 * @param nodeName        this node's name in the cluster; null lets the engine choose
 * @param workerLease     how long a remote worker's pop holds a job before it must heartbeat
 * @param containerEngine the Docker-compatible engine container jobs run on ({@code unix:///...} or
 *                        {@code tcp://host:port}); null: container jobs end with a clear infra_error
 * @param containerImages glob patterns of the images container jobs may run; empty allows none
 * @param containerCommand the command (argv, no shell) given to each container job submitted through the
 *                        container-jobs API; empty runs the image's default command
 * @param executors       the executor types without node limits that tasks defined at runtime may use
 *                        ({@code webhook}, {@code celery}); the shell and container types depend on their own settings
 * @param shellAllow      the executables shell tasks defined at runtime may run; empty: no shell executor type
 * @param compatAccess    whether the container-jobs API needs a token; null: by the bind address (open on
 *                        loopback, token elsewhere: {@link CompatAccess#defaultFor})
 * @param consolePath     the path the operators' console is served under ({@code /console}; another one lets a
 *                        proxy mount it where it wants): starts with a slash, no trailing slash
 * @param engine          the engine's tuning (lease, poll, batches, retention, output cap, misfire grace)
 */
public record ServerConfig(
        int port,
        String bind,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String logLevel,
        ZoneId zone,
        String nodeName,
        int workerThreads,
        Duration shutdownGrace,
        Duration workerLease,
        String containerEngine,
        List<String> containerImages,
        List<String> containerCommand,
        List<String> executors,
        List<String> shellAllow,
        CompatAccess compatAccess,
        String consolePath,
        EngineSettings engine) {

    /** Where the operators' console is served unless configured otherwise. */
    public static final String DEFAULT_CONSOLE_PATH = "/console";

    /** The executor types {@link #executors} may name; the others are enabled by their own settings. */
    public static final List<String> UNLIMITED_EXECUTORS = List.of("webhook", "celery");

    public ServerConfig {
        Objects.requireNonNull(engine, "engine");
        containerImages = List.copyOf(containerImages);
        containerCommand = List.copyOf(containerCommand);
        executors = List.copyOf(executors);
        shellAllow = List.copyOf(shellAllow);
    }

    /** True when tasks defined at runtime may use the container executor type: an engine and image patterns. */
    public boolean containerTasksEnabled() {
        return containerEngine != null && !containerImages.isEmpty();
    }

    /** True when the server uses the embedded H2 database under the data directory. */
    public boolean embedded() {
        return databaseUrl == null;
    }

    /** The database as it may be logged: the URL (never the password) or the embedded file. */
    public String describeDatabase() {
        return embedded() ? "embedded H2 under " + dataDir.toAbsolutePath().normalize() : databaseUrl;
    }

    /** Settings for tests: a random free port on loopback, the given data directory, defaults elsewhere. */
    public static ServerConfig forTests(Path dataDir) {
        return new ServerConfig(0, "127.0.0.1", dataDir, null, null, null, "INFO", ZoneId.of("UTC"), null, 4,
                Duration.ofSeconds(5), Duration.ofSeconds(60), null, List.of(), List.of(), UNLIMITED_EXECUTORS,
                List.of(), null, DEFAULT_CONSOLE_PATH, EngineSettings.DEFAULTS);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(value, bind, dataDir, databaseUrl, databaseUser, databasePassword, logLevel, zone,
                nodeName, workerThreads, shutdownGrace, workerLease, containerEngine, containerImages,
                containerCommand, executors, shellAllow, compatAccess, consolePath, engine);
    }

    public ServerConfig withBind(String value) {
        return new ServerConfig(port, value, dataDir, databaseUrl, databaseUser, databasePassword, logLevel, zone,
                nodeName, workerThreads, shutdownGrace, workerLease, containerEngine, containerImages,
                containerCommand, executors, shellAllow, compatAccess, consolePath, engine);
    }

    public ServerConfig withDatabase(String url, String user, String password) {
        return new ServerConfig(port, bind, dataDir, url, user, password, logLevel, zone, nodeName, workerThreads,
                shutdownGrace, workerLease, containerEngine, containerImages, containerCommand, executors,
                shellAllow, compatAccess, consolePath, engine);
    }

    public ServerConfig withZone(ZoneId value) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, logLevel, value,
                nodeName, workerThreads, shutdownGrace, workerLease, containerEngine, containerImages,
                containerCommand, executors, shellAllow, compatAccess, consolePath, engine);
    }

    public ServerConfig withContainerEngine(String endpoint, List<String> images) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, logLevel, zone,
                nodeName, workerThreads, shutdownGrace, workerLease, endpoint, images, containerCommand, executors,
                shellAllow, compatAccess, consolePath, engine);
    }

    public ServerConfig withContainerCommand(List<String> value) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, logLevel, zone,
                nodeName, workerThreads, shutdownGrace, workerLease, containerEngine, containerImages, value,
                executors, shellAllow, compatAccess, consolePath, engine);
    }

    public ServerConfig withNodeName(String value) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, logLevel, zone,
                value, workerThreads, shutdownGrace, workerLease, containerEngine, containerImages,
                containerCommand, executors, shellAllow, compatAccess, consolePath, engine);
    }

    public ServerConfig withWorkerLease(Duration value) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, logLevel, zone,
                nodeName, workerThreads, shutdownGrace, value, containerEngine, containerImages, containerCommand,
                executors, shellAllow, compatAccess, consolePath, engine);
    }

    public ServerConfig withExecutors(List<String> value) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, logLevel, zone,
                nodeName, workerThreads, shutdownGrace, workerLease, containerEngine, containerImages,
                containerCommand, value, shellAllow, compatAccess, consolePath, engine);
    }

    public ServerConfig withCompatAccess(CompatAccess value) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, logLevel, zone,
                nodeName, workerThreads, shutdownGrace, workerLease, containerEngine, containerImages,
                containerCommand, executors, shellAllow, value, consolePath, engine);
    }

    public ServerConfig withShellAllow(List<String> value) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, logLevel, zone,
                nodeName, workerThreads, shutdownGrace, workerLease, containerEngine, containerImages,
                containerCommand, executors, value, compatAccess, consolePath, engine);
    }

    public ServerConfig withConsolePath(String value) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, logLevel, zone,
                nodeName, workerThreads, shutdownGrace, workerLease, containerEngine, containerImages,
                containerCommand, executors, shellAllow, compatAccess, value, engine);
    }

    public ServerConfig withEngine(EngineSettings value) {
        return new ServerConfig(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, logLevel, zone,
                nodeName, workerThreads, shutdownGrace, workerLease, containerEngine, containerImages,
                containerCommand, executors, shellAllow, compatAccess, consolePath, value);
    }

    /**
     * Puts this server's node settings on the builder: the one place server settings meet
     * {@link HourglassBuilder} (a test checks that every builder setting has a {@link Setting} and gets here).
     *
     * @param name this node's name: {@link #nodeName} or the server's default for it
     */
    public HourglassBuilder applyTo(HourglassBuilder builder, String name) {
        builder.nodeName(name).workerThreads(workerThreads)
                .claimBatchSize(engine.claimBatchSize())
                .prefetch(engine.prefetch())
                .claimAhead(engine.claimAhead())
                .completionBatchSize(engine.completionBatchSize())
                .leaseDuration(engine.leaseDuration())
                .pollInterval(engine.pollInterval())
                .misfireGrace(engine.misfireGrace())
                .maxOutputChars(engine.maxOutputChars())
                .historyRetention(engine.historyRetention());
        if (engine.heartbeatInterval() != null) {
            builder.heartbeatInterval(engine.heartbeatInterval());
        }
        return builder;
    }
}
