package io.hourglass.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.hourglass.InvalidRequestException;
import io.javalin.http.Context;
import java.util.stream.Collectors;

/**
 * Reads request bodies into records and turns every way a body can be wrong into a 400 that says what: not JSON,
 * an unknown field (named), a wrong type (field named, expected type given), a missing body.
 */
public final class JsonBodies {
    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T read(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw ApiException.badRequest(null, "the request needs a JSON body");
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest(null, "the request body must be a JSON object, was null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest(path(e), "unknown field '" + e.getPropertyName() + "'; known fields: "
                    + e.getKnownPropertyIds());
        } catch (InvalidFormatException e) {
            throw ApiException.badRequest(path(e), "must be " + typeName(e.getTargetType()) + ", was '"
                    + e.getValue() + "'");
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw ApiException.badRequest(field, field == null ? "the request body must be a JSON object"
                    : "must be " + typeName(e.getTargetType()));
        } catch (JsonMappingException e) {
            InvalidRequestException cause = findInvalidRequest(e);
            if (cause != null) {
                throw cause;
            }
            throw ApiException.badRequest(path(e), "invalid value: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static InvalidRequestException findInvalidRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidRequestException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return null;
        }
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.util.List.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2024-05-01T12:00:00Z";
        }
        if (type == java.time.Duration.class) {
            return "a duration such as 30s, 500ms, 5m, 2h, 1d or PT30S";
        }
        return "a " + type.getSimpleName();
    }
}
