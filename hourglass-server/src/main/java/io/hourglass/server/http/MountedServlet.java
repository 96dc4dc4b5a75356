package io.hourglass.server.http;

import io.javalin.Javalin;
import io.javalin.http.servlet.JavalinServlet;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A Javalin application ({@link HttpApp#forServlet}) as a servlet of another container, mapped to
 * {@code <mount>/*}: the Spring Boot starter serves the REST API and the console this way under a path of the
 * application's, behind the application's own filters (its security). Javalin matches a route on the request's
 * path after the context path, so each request is shown to it with the mount (the container's context path and
 * this servlet's path) as its context path: routes keep the paths they have on the server ({@code /api/v1/jobs}),
 * and what the browser sees carries the mount in front. The body limit the server applies as a Jetty filter is
 * applied here.
 */
public final class MountedServlet extends HttpServlet {
    private final transient Servlet javalin;
    private final transient BodyLimit limit = new BodyLimit(HttpApp.MAX_BODY_BYTES);

    /** @param app made by {@link HttpApp#forServlet} (its own servlet would be Jetty's, with websockets) */
    public MountedServlet(Javalin app) {
        this.javalin = new JavalinServlet(app.unsafeConfig());
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        javalin.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String mount = request.getContextPath() + request.getServletPath();
        limit.doFilter(new Mounted(request, mount), response, javalin::service);
    }

    @Override
    public void destroy() {
        javalin.destroy();
        super.destroy();
    }

    /** The request as Javalin should see it: the mount is its context path, the rest its path. */
    private static final class Mounted extends HttpServletRequestWrapper {
        private final String mount;

        Mounted(HttpServletRequest request, String mount) {
            super(request);
            this.mount = mount;
        }

        @Override
        public String getContextPath() {
            return mount;
        }

        @Override
        public String getServletPath() {
            return "";
        }
    }
}
