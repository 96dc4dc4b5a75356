package io.hourglass.examples.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.server.HourglassServer;
import io.hourglass.server.cli.HourglassCommand;
import io.hourglass.server.config.EnvironmentSecrets;
import io.hourglass.server.config.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The examples' tests run against the same server {@code ./hourglass server} starts, in process: embedded H2 in
 * the test's own directory (never {@code ./data}), a free port on loopback, open (no tokens), and a small JSON
 * client for the calls an example's README makes with curl or the CLI.
 */
public final class ExampleServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: the status and the parsed JSON body (null when empty). */
    public record Answer(int status, JsonNode json) {
    }

    private final HourglassServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ExampleServer(HourglassServer server) {
        this.server = server;
    }

    /** A server on the embedded database under {@code dataDir}. */
    public static ExampleServer start(Path dataDir) {
        return start(dataDir, UnaryOperator.identity());
    }

    /** A server on the embedded database under {@code dataDir}, with {@code settings} applied to its config. */
    public static ExampleServer start(Path dataDir, UnaryOperator<ServerConfig> settings) {
        return new ExampleServer(HourglassServer.start(settings.apply(ServerConfig.forTests(dataDir)),
                Clock.systemUTC(), EnvironmentSecrets.from(Map.of())));
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}, as the examples' scripts take it. */
    public String url() {
        return server.url();
    }

    /** What a CLI call printed, and its exit code. */
    public record CliRun(int exitCode, String output) {
    }

    /**
     * Runs the {@code hourglass} command line (as {@code ./hourglass ARGS...} does) against this server, in
     * process: {@code --url} is added.
     */
    public CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--url", server.url()));
        int code = HourglassCommand.execute(argv.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(out, true));
        return new CliRun(code, out.toString());
    }

    public JsonNode get(String path) {
        return ok(send("GET", path, null), "GET " + path);
    }

    public JsonNode post(String path, Object body) {
        return ok(send("POST", path, body), "POST " + path);
    }

    public JsonNode put(String path, Object body) {
        return ok(send("PUT", path, body), "PUT " + path);
    }

    /** Sends {@code body} (a JSON string as is, anything else as JSON; null: none) and answers whatever came. */
    public Answer send(String method, String path, Object body) {
        try {
            String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode ok(Answer answer, String call) {
        if (answer.status() >= 300) {
            throw new IllegalStateException(call + " answered " + answer.status() + ": " + answer.json());
        }
        return answer.json();
    }

    @Override
    public void close() {
        server.close();
    }
}
