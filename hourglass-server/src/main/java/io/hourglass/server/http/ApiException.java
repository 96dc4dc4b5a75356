package io.hourglass.server.http;

import java.util.Map;

/**
 * An error answer decided by the HTTP layer itself (bad query parameter, missing token): status, code, message,
 * field, and any headers the answer needs (Retry-After, WWW-Authenticate).
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String field, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "invalid_request", field, message, Map.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", null, message, Map.of());
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", null, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
