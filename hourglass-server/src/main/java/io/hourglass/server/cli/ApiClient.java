package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The CLI's line to the REST API. An error answer becomes a {@link Failure} carrying the server's message and an
 * exit code that says what kind of failure it was (see {@link HourglassCommand}).
 */
final class ApiClient {
    /** A request that did not succeed, with the exit code the command should end with. */
    static final class Failure extends RuntimeException {
        private final int exitCode;

        Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 30_000;
    private final String baseUrl;
    private final String token;

    ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /**
     * One request. {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: a CLI call makes one
     * request, and the newer client sets up TLS (the JDK's CA certificates) and a selector thread even for http://,
     * which costs a short-lived process about half a second (docs/benchmarks.md).
     */
    private JsonNode send(String method, String path, Object body) {
        HttpURLConnection connection;
        byte[] payload;
        try {
            connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
            payload = body == null ? null : JSON.writeValueAsBytes(body);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new Failure(HourglassCommand.EXIT_USAGE, "bad server URL or body: " + e.getMessage());
        }
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setRequestProperty("Accept", "application/json");
            if (token != null && !token.isBlank()) {
                connection.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (payload != null) {
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(payload);
                }
            }
            int status = connection.getResponseCode();
            JsonNode json = parse(status < 400 ? connection.getInputStream() : connection.getErrorStream());
            if (status < 300) {
                return json;
            }
            throw new Failure(exitCodeFor(status), message(json, status));
        } catch (IOException e) {
            throw new Failure(HourglassCommand.EXIT_FAILURE, "cannot reach the server at " + baseUrl + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } finally {
            connection.disconnect();
        }
    }

    /** The server's message, led by the field at fault unless it already names it. */
    private static String message(JsonNode json, int status) {
        if (json == null || !json.hasNonNull("message")) {
            return "HTTP " + status;
        }
        String message = json.get("message").asText();
        String field = json.hasNonNull("field") ? json.get("field").asText() : null;
        return field == null || message.startsWith(field + ":") ? message : field + ": " + message;
    }

    static int exitCodeFor(int status) {
        return switch (status) {
            case 401, 403 -> HourglassCommand.EXIT_AUTH;
            case 404 -> HourglassCommand.EXIT_NOT_FOUND;
            default -> status < 500 ? HourglassCommand.EXIT_REFUSED : HourglassCommand.EXIT_FAILURE;
        };
    }

    /** The answer's JSON, or null when it has none (204, or an error page that is not JSON). */
    private static JsonNode parse(InputStream body) throws IOException {
        if (body == null) {
            return null;
        }
        try (body) {
            byte[] bytes = body.readAllBytes();
            return bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
