package io.hourglass.server.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.hourglass.server.HourglassServer;
import io.hourglass.server.config.EnvironmentSecrets;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.server.config.ServerConfigLoader;
import io.hourglass.server.config.SettingValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass server}: runs the scheduler node and its HTTP API until SIGTERM or Ctrl-C, then shuts down
 * gracefully (HTTP first, then running jobs get the grace period). Its setting options are generated from
 * {@link io.hourglass.server.config.Setting} ({@link ServerOptions}); each also has an environment variable and a
 * YAML key, and an option given here wins. It logs every setting's value and source once at start.
 */
@Command(name = "server", mixinStandardHelpOptions = true, modelTransformer = ServerOptions.class,
        sortOptions = false, usageHelpWidth = 100,
        description = "Run the Hourglass server: the scheduler node and its HTTP API. Each setting is an option,"
                + " an environment variable and a YAML key; an option wins over the environment, which wins over"
                + " the file (--config).")
final class ServerCommand implements Callable<Integer> {
    static final String READY_FILE = "hourglass.readyFile";

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML file of settings, keyed as each option says (env HOURGLASS_CONFIG)")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = System.getenv();
        SettingValues given = ServerConfigLoader.resolve(ServerOptions.given(spec), config, env);
        ServerConfig settings = ServerConfigLoader.parse(given);
        applyLogLevel(settings.logLevel());
        Logger log = LoggerFactory.getLogger(ServerCommand.class);
        log.info("settings: {}", given.describe());
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

    private static void applyLogLevel(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level));
        }
    }
}
