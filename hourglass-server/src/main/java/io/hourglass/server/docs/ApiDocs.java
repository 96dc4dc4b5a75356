package io.hourglass.server.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.server.auth.Access;
import io.hourglass.server.http.Routes;
import java.io.InputStream;

/**
 * {@code /openapi.json}, generated from the routes the server declared ({@link OpenApi}: summaries, parameters,
 * bodies and answers from the route declarations and the records they name), and Swagger UI at {@code /api/docs}
 * from the swagger-ui webjar. The docs' own routes are public and left out of the document.
 */
public final class ApiDocs {
    public static final String SWAGGER_UI_VERSION = "5.18.2";

    private ApiDocs() {
    }

    /** Registers the docs routes; call after every other route, since the document is built from them. */
    public static void register(Routes routes, ObjectMapper mapper) {
        String document = OpenApi.build(routes.specs(), mapper);
        routes.get("/api/docs/ui/*", Access.PUBLIC, ctx -> {
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
        }).undocumented();
        routes.get("/api/docs", Access.PUBLIC, ctx -> ctx.contentType("text/html; charset=utf-8").result(PAGE))
                .undocumented();
        routes.get("/openapi.json", Access.PUBLIC, ctx -> ctx.contentType("application/json").result(document))
                .undocumented();
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
