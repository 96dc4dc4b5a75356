package io.hourglass.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turning the client commands' options into request parts: query parameters, body fields, JSON arguments. */
final class RequestParts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestParts() {
    }

    /** Adds {@code &name=value} (URL-encoded) when the option was given. */
    static void appendQuery(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** Puts the field in the body when the option was given. */
    static void putIfSet(Map<String, Object> body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }

    /** A JSON object given on the command line, in key order; anything else is the user's mistake. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonObject(String text, String what) {
        Object value;
        try {
            value = JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new HourglassCommand.UsageError(what + " must be a JSON object: " + e.getOriginalMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new HourglassCommand.UsageError(what + " must be a JSON object, was " + text.strip());
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }
}
