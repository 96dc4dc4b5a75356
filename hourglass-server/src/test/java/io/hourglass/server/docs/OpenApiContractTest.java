package io.hourglass.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /openapi.json} describes each route as it behaves: every operation has its path parameters, its body and
 * its answers, every {@code $ref} resolves, and each route accepts exactly the query parameters it documents.
 */
class OpenApiContractTest {
    @TempDir
    static Path dataDir;
    static TestServer server;
    static JsonNode doc;

    @BeforeAll
    static void start() {
        server = TestServer.start(ServerConfig.forTests(dataDir));
        doc = server.get("/openapi.json").json();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every operation of the document: method, path and the operation itself. */
    record Operation(String method, String path, JsonNode op) {
        String describe() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }

        boolean compat() {
            return op.get("x-access").asText().startsWith("compat");
        }

        /** The path with a value for each path parameter. */
        String url() {
            return path.replace("{id}", "1").replaceAll("\\{[^}]+}", "x");
        }
    }

    static List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                ops.add(new Operation(op.getKey(), path.getKey(), op.getValue()))));
        return ops;
    }

    @Test
    void everyOperationDeclaresItsPathParametersBodyAndAnswers() {
        List<Operation> ops = operations();
        assertThat(ops).hasSizeGreaterThan(30);
        for (Operation o : ops) {
            List<String> pathParams = new ArrayList<>();
            o.op().get("parameters").forEach(p -> {
                assertThat(p.has("schema")).as(o.describe() + " " + p).isTrue();
                if (p.get("in").asText().equals("path")) {
                    pathParams.add(p.get("name").asText());
                }
            });
            assertThat(pathParams).as(o.describe()).containsExactlyElementsOf(
                    java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(o.path()).results()
                            .map(m -> m.group(1)).toList());
            assertThat(o.op().get("responses").fieldNames()).as(o.describe()).toIterable()
                    .anyMatch(status -> status.matches("[23]\\d\\d"));
            assertThat(o.op().get("x-access").asText()).as(o.describe())
                    .isIn("public", "read", "write", "admin", "compat_read", "compat_write");
        }
        JsonNode enqueue = doc.at("/paths/~1api~1v1~1jobs/post/requestBody/content/application~1json/schema");
        assertThat(enqueue.get("$ref").asText()).isEqualTo("#/components/schemas/EnqueueBody");
        JsonNode body = doc.at("/components/schemas/EnqueueBody");
        assertThat(body.get("properties").has("dedupKey")).isTrue();
        assertThat(body.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(doc.at("/paths/~1api~1v1~1tasks~1{name}/put/requestBody").isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1api~1v1~1jobs~1{id}~1heartbeat/post/requestBody").isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1job/post/requestBody/content/application~1x-www-form-urlencoded/schema")
                .isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1api~1v1~1jobs/get/responses/200/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/JobPage");
    }

    @Test
    void documentIsValidOpenApi30ForSwaggerParser() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(server.get("/openapi.json").body(), null,
                options);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).containsKey("/api/v1/jobs");
        assertThat(result.getOpenAPI().getComponents().getSchemas()).containsKey("ScheduleBody");
    }

    @Test
    void everyReferenceResolvesToAComponentSchema() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/components/schemas/");
            String name = ref.substring("#/components/schemas/".length());
            assertThat(name).matches("[A-Za-z0-9._-]+");
            assertThat(doc.get("components").get("schemas").has(name)).as(ref).isTrue();
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    @Test
    void everyRouteAcceptsItsDocumentedQueryParametersAndRefusesOthers() {
        int checked = 0;
        for (Operation o : operations()) {
            if (o.compat()) {
                continue; // the container-jobs API ignores query parameters, as its clients expect
            }
            for (JsonNode p : o.op().get("parameters")) {
                if (!p.get("in").asText().equals("query")) {
                    continue;
                }
                String value = switch (p.at("/schema/type").asText() + "/" + p.at("/schema/format").asText()) {
                    case "string/date-time" -> "2026-01-01T00:00:00Z";
                    case "integer/int32" -> "1";
                    default -> "x";
                };
                Response r = send(o, "?" + p.get("name").asText() + "=" + value);
                assertThat(r.body()).as(o.describe() + " ?" + p.get("name").asText())
                        .doesNotContain("unknown query parameter");
                checked++;
            }
            Response refused = send(o, "?undeclared=1");
            assertThat(refused.status()).as(o.describe()).isEqualTo(400);
            assertThat(refused.json().get("field").asText()).isEqualTo("undeclared");
            assertThat(refused.json().get("message").asText()).contains("unknown query parameter 'undeclared'");
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
    }

    @Test
    void unknownQueryParameterNamesTheKnownOnes() {
        Response r = server.get("/api/v1/jobs?outcom=failed");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("outcom");
        assertThat(r.json().get("message").asText()).contains("known: state, queue, task")
                .contains("outcome").contains("finishedTo");
        Response none = server.get("/api/v1/nodes?limit=5");
        assertThat(none.json().get("message").asText()).contains("takes no query parameters");
    }

    private static Response send(Operation o, String query) {
        String url = o.url() + query;
        return switch (o.method()) {
            case "get" -> server.get(url);
            case "delete" -> server.delete(url);
            default -> server.sendJson(url, o.method().toUpperCase(Locale.ROOT), Map.of());
        };
    }
}
