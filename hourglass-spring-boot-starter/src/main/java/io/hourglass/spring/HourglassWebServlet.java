package io.hourglass.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.Hourglass;
import io.hourglass.server.HourglassWeb;
import io.hourglass.server.ServerServices;
import io.hourglass.server.auth.AccessControl;
import io.hourglass.server.auth.ApplicationRoles;
import io.hourglass.server.auth.CompatAccess;
import io.hourglass.server.auth.ConsoleSessions;
import io.hourglass.server.auth.Role;
import io.hourglass.server.auth.TokenStore;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.server.http.Json;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.server.metrics.StartLatency;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's web application ({@link HourglassWeb}: REST API, docs, console) on the application's node, as the
 * servlet {@link HourglassWebAutoConfiguration} maps to {@code hourglass.web.path}. It is assembled when the
 * container initializes the servlet, since only then is the application's context path known, which every link
 * the console writes starts with. The console lives at {@code <path>/console}, the API at {@code <path>/api/v1}.
 */
final class HourglassWebServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(HourglassWebServlet.class);
    /** The lease a remote worker's pop gets unless it asks for another, as on the server. */
    static final Duration WORKER_LEASE = Duration.ofSeconds(30);

    private final transient Hourglass hourglass;
    private final transient HourglassWebProperties properties;
    private final transient Path dataDir;
    private final transient MeterRegistry meters;
    private transient volatile HourglassWeb web;
    private transient Servlet delegate;

    HourglassWebServlet(Hourglass hourglass, HourglassWebProperties properties, Path dataDir, MeterRegistry meters) {
        this.hourglass = hourglass;
        this.properties = properties;
        this.dataDir = dataDir;
        this.meters = meters;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        requireTheContainersServletApi(config);
        Clock clock = Clock.systemUTC();
        String mount = config.getServletContext().getContextPath() + properties.checkedPath();
        String consolePath = ServerConfig.DEFAULT_CONSOLE_PATH;
        if (properties.getAuth() == HourglassWebProperties.Auth.TOKENS && anonymousRole() != null) {
            throw new IllegalStateException("hourglass.web.anonymous-role: only applies with"
                    + " hourglass.web.auth=application (with tokens, a request without one is refused), was "
                    + properties.getAnonymousRole());
        }
        ConsoleSessions sessions = new ConsoleSessions(clock, mount + consolePath);
        AccessControl access = switch (properties.getAuth()) {
            case APPLICATION -> AccessControl.application(new ApplicationRoles(anonymousRole()), sessions);
            case TOKENS -> new AccessControl(new TokenStore(dataDir, clock), false, CompatAccess.TOKEN, sessions);
        };
        ObjectMapper mapper = Json.mapper();
        ServerServices services = new ServerServices(WORKER_LEASE, hourglass, hourglass.remoteWorkers(), clock,
                mapper, new JsonBodies(mapper), codeTasks());
        Supplier<StartLatency> latency = meters == null ? StartLatency::none : () -> StartLatency.of(meters);
        web = HourglassWeb.mounted(services, hourglass, access, mount, consolePath, latency);
        delegate = web.servlet();
        delegate.init(config);
        log.info("Hourglass API at {}/api/v1 and console at {}{} (access: {}{})", mount, mount, consolePath,
                properties.getAuth().name().toLowerCase(java.util.Locale.ROOT),
                anonymousRole() == null ? "" : ", anonymous requests: " + anonymousRole().wireName());
    }

    /**
     * hourglass-server brings Jetty 11 for its own server, and with it the servlet API 5 classes; ahead of a
     * servlet 6 container's on the class path they break its cookies and sessions (NoSuchMethodError in Tomcat).
     * Says so at start, naming the jar, rather than failing on a request.
     */
    private static void requireTheContainersServletApi(ServletConfig config) {
        if (config.getServletContext().getMajorVersion() < 6) {
            return;
        }
        try {
            jakarta.servlet.http.Cookie.class.getMethod("getAttribute", String.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("hourglass.web: the servlet API on the class path is older than the"
                    + " container's (jakarta.servlet.http.Cookie from " + jakarta.servlet.http.Cookie.class
                    .getProtectionDomain().getCodeSource() + "): exclude org.eclipse.jetty, org.eclipse.jetty"
                    + ".websocket and org.eclipse.jetty.toolchain from the hourglass-server dependency, as"
                    + " docs/spring-boot.md shows");
        }
    }

    private Role anonymousRole() {
        return switch (properties.getAnonymousRole()) {
            case NONE -> null;
            case READ -> Role.READ;
            case WRITE -> Role.WRITE;
            case ADMIN -> Role.ADMIN;
        };
    }

    /** The tasks registered in code: those the node runs that were not defined at runtime. */
    private List<Task> codeTasks() {
        Set<String> defined = hourglass.taskDefinitions().stream().map(TaskDefinition::name)
                .collect(Collectors.toSet());
        return hourglass.tasks().stream().filter(t -> !defined.contains(t.name())).toList();
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        delegate.service(request, response);
    }

    /**
     * Ends the console's event streams (and refuses new ones) while the container still runs: it is called as the
     * application begins to stop, before a graceful shutdown waits for open requests, which an open console page's
     * stream would otherwise keep open for the whole grace period.
     */
    void endLiveStreams() {
        HourglassWeb assembled = web;
        if (assembled != null) {
            assembled.close();
        }
    }

    @Override
    public void destroy() {
        if (delegate != null) {
            delegate.destroy();
            web.close();
        }
        super.destroy();
    }
}
