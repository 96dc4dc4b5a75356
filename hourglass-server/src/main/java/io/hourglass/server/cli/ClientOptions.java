package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Options every client command shares: where the server is, the token, and JSON output for scripts. */
final class ClientOptions {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:HOURGLASS_URL:-http://127.0.0.1:8080}",
            description = "server URL (env HOURGLASS_URL, default http://127.0.0.1:8080)")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:HOURGLASS_TOKEN}",
            description = "API token (env HOURGLASS_TOKEN)")
    String token;

    @Option(names = "--json", description = "print the server's JSON instead of a table")
    boolean json;

    ApiClient client() {
        return new ApiClient(url, token);
    }

    /** Prints {@code node} as JSON, or as a table of the given columns when not in JSON mode. */
    void print(PrintWriter out, JsonNode node, JsonNode rows, List<String> columns) {
        if (json) {
            out.println(pretty(node));
            return;
        }
        Table.print(out, rows, columns);
    }

    /** Prints {@code node} as JSON, or the given one-line summary. */
    void print(PrintWriter out, JsonNode node, Function<JsonNode, String> line) {
        out.println(json ? pretty(node) : line.apply(node));
    }

    private static String pretty(JsonNode node) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("bug: a parsed JSON tree cannot be written", e);
        }
    }
}
