package io.hourglass.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turning the client commands' options into request parts: query parameters, body fields, JSON arguments. */
final class RequestParts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestParts() {
    }

    /** A path and the query built with {@link #appendQuery}, e.g. {@code /api/v1/jobs?limit=5&task=a}. */
    static String withQuery(String path, StringBuilder query) {
        return query.isEmpty() ? path : path + "?" + query.substring(1);
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
        if (!(json(text, what, "object") instanceof Map<?, ?> map)) {
            throw new HourglassCommand.UsageError(what + " must be a JSON object, was " + text.strip());
        }
        return new LinkedHashMap<>((Map<String, Object>) map);
    }

    /** A JSON array given on the command line (positional arguments), e.g. {@code [1, "two"]}. */
    @SuppressWarnings("unchecked")
    static List<Object> jsonList(String text, String what) {
        if (!(json(text, what, "array") instanceof List<?> list)) {
            throw new HourglassCommand.UsageError(what + " must be a JSON array, was " + text.strip());
        }
        return new ArrayList<>((List<Object>) list);
    }

    private static Object json(String text, String what, String kind) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            // Jackson names the source it hides ("[Source: REDACTED (...); line: 1, ...]"): keep the position only
            throw new HourglassCommand.UsageError(what + " must be a JSON " + kind + ": "
                    + e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "["));
        }
    }

    /** A JSON object read from a file named by an option ({@code --file}). */
    static Map<String, Object> jsonFile(java.nio.file.Path file, String option) {
        String text;
        try {
            text = java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new HourglassCommand.UsageError("cannot read " + option + " " + file + ": " + e);
        }
        return jsonObject(text, option + " " + file);
    }

    /** Puts {@code args} and {@code kwargs} parsed from their options when given. */
    static void putArguments(Map<String, Object> body, String args, String kwargs) {
        if (args != null) {
            body.put("args", jsonList(args, "--args"));
        }
        if (kwargs != null) {
            body.put("kwargs", jsonObject(kwargs, "--kwargs"));
        }
    }
}
