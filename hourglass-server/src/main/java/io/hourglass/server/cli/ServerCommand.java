package io.hourglass.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.hourglass.server.HourglassServer;
import io.hourglass.server.config.EnvironmentSecrets;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.server.config.ServerConfigLoader;
import io.hourglass.server.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hourglass server}: runs the scheduler node and its HTTP API until SIGTERM or Ctrl-C, then shuts down
 * gracefully (HTTP first, then running jobs get the grace period). Every option also has an environment variable
 * and a YAML key (see {@link Setting}); an option given here wins.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the Hourglass server: the scheduler node and its HTTP API.")
final class ServerCommand implements Callable<Integer> {
    static final String READY_FILE = "hourglass.readyFile";

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (env HOURGLASS_PORT, default 8080)")
    String port;
    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "address to listen on (env HOURGLASS_BIND, default 127.0.0.1)")
    String bind;
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "embedded database and token file (env HOURGLASS_DATA_DIR, default ./data)")
    String dataDir;
    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "jdbc:postgresql://... to use PostgreSQL; servers sharing one form a cluster"
                    + " (env HOURGLASS_DATABASE_URL; default: embedded H2)")
    String databaseUrl;
    @Option(names = "--database-user", paramLabel = "USER", description = "env HOURGLASS_DATABASE_USER")
    String databaseUser;
    @Option(names = "--database-password", paramLabel = "PASSWORD",
            description = "env HOURGLASS_DATABASE_PASSWORD (prefer the environment variable)")
    String databasePassword;
    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file (env HOURGLASS_CONFIG)")
    Path config;
    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "TRACE, DEBUG, INFO, WARN or ERROR (env HOURGLASS_LOG_LEVEL, default INFO)")
    String logLevel;
    @Option(names = "--zone", paramLabel = "ZONE",
            description = "time zone of the /jobs API's dates (env HOURGLASS_ZONE, default UTC)")
    String zone;
    @Option(names = "--node-name", paramLabel = "NAME", description = "this node's name (env HOURGLASS_NODE_NAME)")
    String nodeName;
    @Option(names = "--worker-threads", paramLabel = "N",
            description = "threads running jobs (env HOURGLASS_WORKER_THREADS, default 8)")
    String workerThreads;
    @Option(names = "--shutdown-grace", paramLabel = "DURATION",
            description = "how long running jobs may finish on shutdown (env HOURGLASS_SHUTDOWN_GRACE, default 30s)")
    String shutdownGrace;
    @Option(names = "--worker-lease", paramLabel = "DURATION",
            description = "lease of a job popped by a remote worker (env HOURGLASS_WORKER_LEASE, default 60s)")
    String workerLease;
    @Option(names = "--container-engine", paramLabel = "ENDPOINT",
            description = "Docker-compatible engine for container jobs, e.g. unix:///run/podman/podman.sock"
                    + " (env HOURGLASS_CONTAINER_ENGINE; default none: container jobs fail with infra_error)")
    String containerEngine;
    @Option(names = "--container-images", paramLabel = "PATTERNS",
            description = "comma-separated glob patterns of images container jobs may run, e.g. 'alpine:*,myorg/*';"
                    + " none by default (env HOURGLASS_CONTAINER_IMAGES)")
    String containerImages;
    @Option(names = "--container-command", paramLabel = "JSON",
            description = "command (JSON array, no shell) each container job submitted through /job runs, e.g."
                    + " '[\"sleep\", \"2\"]'; default none: the image's own command (env HOURGLASS_CONTAINER_COMMAND)")
    String containerCommand;
    @Option(names = "--compat-access", paramLabel = "open|token",
            description = "who may use the container-jobs API (/job, /jobs): open (no token) or token (an API token"
                    + " with the read or write role, once tokens exist); default: open when bound to loopback, token"
                    + " otherwise (env HOURGLASS_COMPAT_ACCESS)")
    String compatAccess;
    @Option(names = "--executors", paramLabel = "TYPES",
            description = "executor types tasks defined at runtime may use: webhook, celery (comma-separated) or none"
                    + " (env HOURGLASS_EXECUTORS, default webhook,celery); shell and container have their own settings")
    String executors;
    @Option(names = "--shell-allow", paramLabel = "EXECUTABLES",
            description = "comma-separated executables shell tasks defined at runtime may run, e.g. /bin/echo;"
                    + " default none: no shell tasks (env HOURGLASS_SHELL_ALLOW)")
    String shellAllow;
    @Option(names = "--console-path", paramLabel = "PATH",
            description = "where the operators' console is served, e.g. /ops/hourglass behind a proxy"
                    + " (env HOURGLASS_CONSOLE_PATH, default /console)")
    String consolePath;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = System.getenv();
        ServerConfig settings = ServerConfigLoader.load(options(), config, env);
        applyLogLevel(settings.logLevel());
        Logger log = LoggerFactory.getLogger(ServerCommand.class);
        HourglassServer server = HourglassServer.start(settings, Clock.systemUTC(), EnvironmentSecrets.from(env));
        markReady(log);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (RuntimeException e) {
                log.error("error while stopping", e);
            } finally {
                stopped.countDown();
            }
        }, "hourglass-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * Tells the {@code ./hourglass} launcher this run got ready, by creating the file named by the system property
     * {@value #READY_FILE}: the launcher keeps the class-data-sharing archive it is recording only from a run
     * that served, not from {@code server --help} or a failed start.
     */
    private static void markReady(Logger log) {
        String file = System.getProperty(READY_FILE);
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), "ready\n");
        } catch (IOException | RuntimeException e) {
            log.warn("cannot write the launcher's ready file {}: {}", file, e.toString());
        }
    }

    private Map<Setting, String> options() {
        Map<Setting, String> given = new EnumMap<>(Setting.class);
        put(given, Setting.PORT, port);
        put(given, Setting.BIND, bind);
        put(given, Setting.DATA_DIR, dataDir);
        put(given, Setting.DATABASE_URL, databaseUrl);
        put(given, Setting.DATABASE_USER, databaseUser);
        put(given, Setting.DATABASE_PASSWORD, databasePassword);
        put(given, Setting.LOG_LEVEL, logLevel);
        put(given, Setting.ZONE, zone);
        put(given, Setting.NODE_NAME, nodeName);
        put(given, Setting.WORKER_THREADS, workerThreads);
        put(given, Setting.SHUTDOWN_GRACE, shutdownGrace);
        put(given, Setting.WORKER_LEASE, workerLease);
        put(given, Setting.CONTAINER_ENGINE, containerEngine);
        put(given, Setting.CONTAINER_IMAGES, containerImages);
        put(given, Setting.CONTAINER_COMMAND, containerCommand);
        put(given, Setting.EXECUTORS, executors);
        put(given, Setting.SHELL_ALLOW, shellAllow);
        put(given, Setting.COMPAT_ACCESS, compatAccess);
        put(given, Setting.CONSOLE_PATH, consolePath);
        return given;
    }

    private static void put(Map<Setting, String> map, Setting setting, String value) {
        if (value != null) {
            map.put(setting, value);
        }
    }

    private static void applyLogLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level));
        }
    }
}
