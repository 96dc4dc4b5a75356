package io.hourglass.server.http;

/**
 * The body of every error answer of the REST API: a stable machine code, a sentence for people, and the request
 * field at fault (null when the request as a whole is).
 */
public record ApiError(String error, String message, String field) {
}
