package io.hourglass.server.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hourglass.server.auth.Access;
import io.hourglass.server.http.QueryParam;
import io.hourglass.server.http.RouteSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the OpenAPI 3.0 document from the declared routes: per operation its summary, path parameters, the query
 * parameters it accepts, its request body and its answers, with every schema generated from the records the route
 * reads and writes ({@link Schemas}). Public routes say so ({@code security: []}); the others need a bearer token
 * once the server has tokens.
 */
final class OpenApi {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    /** Markdown (Swagger UI renders it): names in backticks, so {@code <key>} is not taken for a tag. */
    static final String ERRORS = "Errors are `{\"error\", \"message\", \"field\"}` (the /job(s) API:"
            + " `{\"message\"}`). 400: the request is malformed (not JSON, an unknown or wrong-typed field, an"
            + " unknown query parameter, a value out of range, a bad duration). 401: a token is needed; 403: the"
            + " token's role is too low. 422: a well-formed task definition that this node's executor type refuses"
            + " (field `executor` or `settings.<key>`), or a job or schedule of a task no node knows (field `task`;"
            + " `allowUnknownTask` accepts it). 409: a conflict with the current state. Each operation's"
            + " `x-access` is the role it needs once the server has tokens (public: none).";

    private OpenApi() {
    }

    static String build(List<RouteSpec> routes, ObjectMapper mapper) {
        Schemas schemas = new Schemas(mapper);
        ObjectNode doc = mapper.createObjectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", "Hourglass API").put("version", "1").put("description", ERRORS);
        ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer");
        doc.putArray("security").addObject().putArray("bearer");
        ObjectNode paths = doc.putObject("paths");
        List<RouteSpec> sorted = routes.stream().filter(RouteSpec::documented)
                .sorted(Comparator.comparing(RouteSpec::path).thenComparing(r -> r.method().name())).toList();
        for (RouteSpec route : sorted) {
            ObjectNode item = paths.has(route.path()) ? (ObjectNode) paths.get(route.path())
                    : paths.putObject(route.path());
            operation(item.putObject(route.method().name().toLowerCase(Locale.ROOT)), route, schemas);
        }
        components.set("schemas", schemas.components());
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("bug: the API document does not serialize", e);
        }
    }

    private static void operation(ObjectNode op, RouteSpec route, Schemas schemas) {
        String method = route.method().name().toLowerCase(Locale.ROOT);
        op.put("summary", route.summary());
        op.put("operationId", method + route.path().replaceAll("[^A-Za-z0-9]+", "_"));
        op.put("x-access", route.access().name().toLowerCase(Locale.ROOT));
        if (route.access() == Access.PUBLIC) {
            op.putArray("security");
        }
        ArrayNode params = op.putArray("parameters");
        Matcher m = PATH_PARAM.matcher(route.path());
        while (m.find()) {
            params.addObject().put("name", m.group(1)).put("in", "path").put("required", true)
                    .set("schema", schemas.of(m.group(1).equals("id") ? Long.class : String.class));
        }
        for (QueryParam q : route.query()) {
            params.addObject().put("name", q.name()).put("in", "query").put("required", q.required())
                    .put("description", q.description()).set("schema", schemas.of(q.type()));
        }
        if (route.body() != null) {
            ObjectNode body = op.putObject("requestBody").put("required", true);
            body.putObject("content").putObject(route.bodyMedia()).set("schema", schemas.of(route.body()));
        }
        ObjectNode responses = op.putObject("responses");
        for (RouteSpec.Answer answer : route.answers()) {
            ObjectNode response = responses.putObject(Integer.toString(answer.status()))
                    .put("description", answer.status() >= 300 && answer.status() < 400 ? "redirect"
                            : answer.status() >= 400 ? "unavailable" : "success");
            if (answer.type() != null) {
                response.putObject("content").putObject(answer.media())
                        .set("schema", schemas.of(answer.type(), answer.typeArguments()));
            }
        }
        responses.putObject("4XX").put("description", "client error: {\"error\", \"message\", \"field\"}");
    }
}
