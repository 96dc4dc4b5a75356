package io.hourglass.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.Hourglass;
import io.hourglass.HourglassBuilder;
import io.hourglass.InvalidRequestException;
import io.hourglass.http.HttpFeedReader;
import io.hourglass.server.auth.AccessControl;
import io.hourglass.server.auth.CompatAccess;
import io.hourglass.server.auth.ConsoleSessions;
import io.hourglass.server.auth.TokenStore;
import io.hourglass.server.compat.CompatRoutes;
import io.hourglass.server.compat.ContainerTask;
import io.hourglass.server.config.ConfigException;
import io.hourglass.server.config.EnvironmentSecrets;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.server.config.Setting;
import io.hourglass.server.health.HealthRoutes;
import io.hourglass.server.health.Readiness;
import io.hourglass.server.http.HttpApp;
import io.hourglass.server.http.Json;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.server.metrics.ServerMetrics;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Hourglass server: the store, the engine node and the HTTP API, started in that order and stopped in
 * the reverse one (HTTP first so no new work arrives, then the engine with a grace period for running jobs, then
 * the executor types its defined tasks share, then the store). Startup refuses, with one clear line, anything an
 * operator would regret: a public address without API tokens, an unreachable database, a port in use.
 */
public final class HourglassServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HourglassServer.class);

    private final ServerConfig config;
    private final Store store;
    private final Hourglass hourglass;
    private final ContainerTask containers;
    private final ExecutorTypes executorTypes;
    private final ServerMetrics metrics;
    private final Readiness readiness;
    private final Javalin app;
    private final long startupMillis;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private HourglassServer(ServerConfig config, Store store, Hourglass hourglass, ContainerTask containers,
                            ExecutorTypes executorTypes, ServerMetrics metrics, Readiness readiness, Javalin app,
                            long startupMillis) {
        this.config = config;
        this.containers = containers;
        this.executorTypes = executorTypes;
        this.metrics = metrics;
        this.store = store;
        this.hourglass = hourglass;
        this.readiness = readiness;
        this.app = app;
        this.startupMillis = startupMillis;
    }

    /** @param secrets what task definitions' {@code ${secret:NAME}} stand for (the server command: its environment) */
    public static HourglassServer start(ServerConfig config, Clock clock, EnvironmentSecrets secrets) {
        long began = System.nanoTime();
        TokenStore tokens = new TokenStore(config.dataDir(), clock);
        boolean open = checkAccess(config, tokens);
        requirePortFree(config);
        Store store = StoreFactory.open(config);
        Readiness readiness = new Readiness(store);
        Hourglass hourglass = null;
        Javalin app = null;
        ContainerTask containers = null;
        ExecutorTypes executorTypes = null;
        ServerMetrics metrics = null;
        try {
            String nodeName = config.nodeName() != null ? config.nodeName() : defaultNodeName();
            containers = ContainerTask.create(config, nodeName);
            if (!containers.isConfigured()) {
                log.info("container jobs: no container engine configured ({}); they will end with infra_error",
                        Setting.CONTAINER_ENGINE.label());
            }
            containers.removeOrphans(); // also those of container tasks defined at runtime: same node label
            executorTypes = ExecutorTypes.create(config, nodeName, clock);
            log.info("secrets task definitions may refer to as ${secret:NAME}: {} (from {}<NAME> variables)",
                    secrets.names(), EnvironmentSecrets.PREFIX);
            metrics = new ServerMetrics(clock);
            List<Task> codeTasks = List.of(containers.task());
            HourglassBuilder builder = config.applyTo(Hourglass.builder(), nodeName).store(store).clock(clock)
                    .tasks(codeTasks).secrets(secrets.secrets()).listener(metrics.engineListener());
            executorTypes.types().forEach(builder::executorType);
            builder.feedReader(new HttpFeedReader(clock));
            hourglass = build(builder);
            // migrations and engine threads start while Jetty starts: the two are independent, and until both are
            // done the API answers 503 (health checks excepted)
            CompletableFuture<Void> engineStart = CompletableFuture.runAsync(hourglass::start,
                    task -> new Thread(task, "hourglass-engine-start").start());
            ObjectMapper mapper = Json.mapper();
            ServerServices services = new ServerServices(config.workerLease(), hourglass, hourglass.remoteWorkers(),
                    clock, mapper, new JsonBodies(mapper), codeTasks);
            app = HttpApp.create(mapper, readiness::isMigrated);
            AccessControl access = new AccessControl(tokens, open, compatAccess(config),
                    new ConsoleSessions(clock, config.consolePath()));
            Hourglass node = hourglass;
            ServerMetrics meters = metrics;
            HourglassWeb web = HourglassWeb.assemble(app, services, hourglass, access, "", config.consolePath(),
                    metrics::startLatency, routes -> {
                        meters.register(routes, node);
                        HealthRoutes.register(routes, readiness);
                        CompatRoutes.register(routes, services, config);
                    });
            app.events(e -> e.serverStopping(web::close));
            startHttp(app, config);
            awaitEngine(engineStart, config);
            readiness.markMigrated();
        } catch (RuntimeException e) {
            if (app != null) {
                app.stop();
            }
            if (hourglass != null) {
                hourglass.stop(Duration.ZERO);
            }
            if (executorTypes != null) {
                executorTypes.close();
            }
            if (containers != null) {
                containers.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            readiness.close();
            store.close();
            throw e;
        }
        if (open) {
            warnOpen(config);
        }
        CompatAccess compat = compatAccess(config);
        if (compat == CompatAccess.OPEN && !isLoopback(config.bind())) {
            log.warn("the container-jobs API (/job, /jobs) is OPEN on {}: anyone who reaches it can run images"
                    + " ({} open)", config.bind(), Setting.COMPAT_ACCESS.label());
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        HourglassServer server = new HourglassServer(config, store, hourglass, containers, executorTypes, metrics,
                readiness, app, millis);
        log.info("Hourglass ready on {} in {} ms (node {}, database {})", server.url(), millis,
                hourglass.nodeName(), store.describe());
        return server;
    }

    /**
     * Builds the node. The settings were checked by the builder's rules when they were read; should a rule of the
     * builder's be missed there, its refusal still names the server setting, in one line, not a stack trace.
     */
    private static Hourglass build(HourglassBuilder builder) {
        try {
            return builder.build();
        } catch (InvalidRequestException e) {
            Setting setting = e.field() == null ? null : Setting.forBuilderSetting(e.field()).orElse(null);
            if (setting == null) {
                throw e;
            }
            throw new ConfigException("setting " + setting.label() + " " + e.rule());
        }
    }

    /** True when the API runs open (no tokens, loopback only); refuses a public address without tokens. */
    private static boolean checkAccess(ServerConfig config, TokenStore tokens) {
        if (!tokens.isEmpty()) {
            return false;
        }
        if (!isLoopback(config.bind())) {
            throw new StartupException("refusing to listen on " + config.bind() + " without API tokens: create one"
                    + " with 'hourglass token create --role admin --name ops' (stored in " + tokens.file()
                    + "), or bind to 127.0.0.1");
        }
        return true;
    }

    private static void warnOpen(ServerConfig config) {
        log.warn("**********************************************************************");
        log.warn("NO API TOKENS: the API is OPEN to every local process on {}.", config.bind());
        log.warn("Create one with 'hourglass token create --role admin --name ops' to require tokens:");
        log.warn("the server requires them from the moment the first one exists, no restart needed.");
        log.warn("**********************************************************************");
    }

    /** The container-jobs API's access: as configured, else open on loopback and token elsewhere. */
    private static CompatAccess compatAccess(ServerConfig config) {
        return config.compatAccess() != null ? config.compatAccess()
                : CompatAccess.defaultFor(isLoopback(config.bind()));
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new StartupException("cannot resolve the bind address '" + host + "' (--bind / HOURGLASS_BIND)");
        }
    }

    /** Host name and process id: unique per process on a machine, and says where to look. */
    private static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static void awaitEngine(CompletableFuture<Void> engineStart, ServerConfig config) {
        try {
            engineStart.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StartupException("cannot use the database (" + config.describeDatabase() + "): "
                    + StartupException.rootMessage(cause), cause);
        }
    }

    /**
     * Fails fast, before the database is opened, when the port is taken: the message then names the cause. Jetty
     * binds the same way (address reuse on), so a port free here is free for it unless taken in between, which
     * {@link #startHttp} still reports.
     */
    private static void requirePortFree(ServerConfig config) {
        if (config.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(config.bind(), config.port()));
        } catch (BindException e) {
            throw new StartupException(cannotListen(config) + "port " + config.port()
                    + " is already in use by another process (choose another with --port / HOURGLASS_PORT)");
        } catch (IOException e) {
            throw new StartupException(cannotListen(config) + StartupException.rootMessage(e), e);
        }
    }

    private static String cannotListen(ServerConfig config) {
        return "cannot listen on " + config.bind() + ":" + config.port() + ": ";
    }

    private static void startHttp(Javalin app, ServerConfig config) {
        try {
            app.start(config.bind(), config.port());
        } catch (Exception e) { // Javalin is Kotlin: checked exceptions arrive undeclared
            throw new StartupException(cannotListen(config) + StartupException.rootMessage(e), e);
        }
        HttpApp.stopGracefully(app);
    }

    public int port() {
        return app.port();
    }

    public String url() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return "http://" + host + ":" + port();
    }

    /** Milliseconds from the start call to serving requests. */
    public long startupMillis() {
        return startupMillis;
    }

    public Hourglass hourglass() {
        return hourglass;
    }

    /** Stops accepting requests, lets running jobs finish within the grace period, then closes the store. */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        log.info("Hourglass stopping (grace period {})", config.shutdownGrace());
        app.stop();
        try {
            hourglass.stop(config.shutdownGrace());
        } finally {
            executorTypes.close(); // after the engine: no attempt uses what the types share any more
            containers.close();
            metrics.close();
            readiness.close();
            store.close();
        }
        log.info("Hourglass stopped");
    }
}
