package io.hourglass.server.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /openapi.json}, generated from the routes the server really registered (so it cannot list a route that
 * does not exist, or miss one), with a one-line summary per route from {@code routes.properties}; and Swagger UI at
 * {@code /api/docs} from the swagger-ui webjar. A route without a summary is a bug the docs test catches.
 */
public final class ApiDocs {
    public static final String SWAGGER_UI_VERSION = "5.18.2";
    private static final Set<String> UNDOCUMENTED = Set.of("/openapi.json", "/api/docs", "/api/docs/ui/*");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    private ApiDocs() {
    }

    /** Registers the docs routes; call after every other route, since the document is built from them. */
    public static void register(Javalin app, ObjectMapper mapper) {
        Properties summaries = summaries();
        app.get("/api/docs/ui/*", ctx -> {
            String file = ctx.path().substring("/api/docs/ui/".length());
            if (!file.matches("[A-Za-z0-9._-]+")) {
                throw new io.javalin.http.NotFoundResponse();
            }
            InputStream in = ApiDocs.class.getResourceAsStream("/META-INF/resources/webjars/swagger-ui/"
                    + SWAGGER_UI_VERSION + "/" + file);
            if (in == null) {
                throw new io.javalin.http.NotFoundResponse();
            }
            ctx.contentType(file.endsWith(".css") ? "text/css" : file.endsWith(".js") ? "text/javascript"
                    : file.endsWith(".png") ? "image/png" : "application/octet-stream").result(in);
        });
        app.get("/api/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(PAGE));
        String document = build(app, mapper, summaries);
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    }

    /** The routes that belong in the document: every registered HTTP route but the docs' own. */
    public static List<ParsedEndpoint> documentedRoutes(Javalin app) {
        List<ParsedEndpoint> routes = new ArrayList<>();
        for (ParsedEndpoint e : app.unsafeConfig().pvt.internalRouter.allHttpHandlers()) {
            HandlerType m = e.getEndpoint().getMethod();
            if (m.isHttpMethod() && m != HandlerType.HEAD && m != HandlerType.OPTIONS
                    && !UNDOCUMENTED.contains(e.getEndpoint().getPath())) {
                routes.add(e);
            }
        }
        routes.sort(Comparator.comparing((ParsedEndpoint e) -> e.getEndpoint().getPath())
                .thenComparing(e -> e.getEndpoint().getMethod().name()));
        return routes;
    }

    static String build(Javalin app, ObjectMapper mapper, Properties summaries) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", "Hourglass API").put("version", "1")
                .put("description", "Errors are {\"error\", \"message\", \"field\"} (the /job(s) API: {\"message\"})."
                        + " 400: the request is malformed (not JSON, an unknown or wrong-typed field, a value out of"
                        + " range, a bad duration). 422: a well-formed task definition that this node's executor"
                        + " type refuses (field \"executor\" or \"settings.<key>\"), or a job or schedule of a task"
                        + " no node knows (field \"task\"; allowUnknownTask accepts it). 409: a conflict with the"
                        + " current state.");
        doc.putObject("components").putObject("securitySchemes").putObject("bearer")
                .put("type", "http").put("scheme", "bearer");
        doc.putArray("security").addObject().putArray("bearer");
        ObjectNode paths = doc.putObject("paths");
        for (ParsedEndpoint e : documentedRoutes(app)) {
            String path = e.getEndpoint().getPath();
            String method = e.getEndpoint().getMethod().name();
            String summary = summaries.getProperty(method + " " + path);
            if (summary == null) {
                throw new IllegalStateException("bug: route " + method + " " + path + " has no summary in "
                        + "routes.properties");
            }
            ObjectNode op = (paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path))
                    .putObject(method.toLowerCase(Locale.ROOT));
            op.put("summary", summary);
            op.put("operationId", method.toLowerCase(Locale.ROOT) + path.replaceAll("[^A-Za-z0-9]+", "_"));
            ArrayNode params = op.putArray("parameters");
            Matcher m = PATH_PARAM.matcher(path);
            while (m.find()) {
                params.addObject().put("name", m.group(1)).put("in", "path").put("required", true)
                        .putObject("schema").put("type", "string");
            }
            ObjectNode responses = op.putObject("responses");
            responses.putObject("200").put("description", "success");
            responses.putObject("4XX").put("description", "client error: {\"error\", \"message\", \"field\"}");
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Properties summaries() {
        Properties p = new Properties();
        try (InputStream in = ApiDocs.class.getResourceAsStream("routes.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("bug: routes.properties is missing from the jar", e);
        }
        return p;
    }

    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Hourglass API</title>
            <link rel="stylesheet" href="/api/docs/ui/swagger-ui.css"></head>
            <body><div id="swagger-ui"></div>
            <script src="/api/docs/ui/swagger-ui-bundle.js"></script>
            <script>window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui"});</script>
            </body></html>
            """;
}
