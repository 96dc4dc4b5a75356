package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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
    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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

    private JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json").header("Accept", "application/json");
        } catch (IOException | IllegalArgumentException e) {
            throw new Failure(HourglassCommand.EXIT_USAGE, "bad server URL or body: " + e.getMessage());
        }
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure(HourglassCommand.EXIT_FAILURE, "cannot reach the server at " + baseUrl + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(HourglassCommand.EXIT_FAILURE, "interrupted");
        }
        JsonNode json = parse(response.body());
        int status = response.statusCode();
        if (status < 300) {
            return json;
        }
        throw new Failure(exitCodeFor(status), message(json, status));
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

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
