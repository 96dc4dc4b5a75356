package io.hourglass.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hourglass.InvalidRequestException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;

/**
 * Reads request bodies into records and turns every way a body can be wrong into a 400 that says what: not JSON,
 * not UTF-8, a duplicate key, an unknown field (named), a wrong type (field named, expected type given), a value
 * out of range, a missing body. Bodies are parsed from their bytes, so invalid UTF-8 is refused instead of being
 * replaced with U+FFFD on the way in.
 */
public final class JsonBodies {
    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as a {@code type}. */
    public <T> T read(Context ctx, Class<T> type) {
        byte[] body = body(ctx);
        return mapped(() -> mapper.readValue(body, type));
    }

    /** The body as a JSON object, for a merge patch: refused unless it is one. */
    public ObjectNode readObject(Context ctx) {
        byte[] body = body(ctx);
        JsonNode tree = mapped(() -> mapper.readTree(body));
        if (!tree.isObject()) {
            throw ApiException.badRequest(null, "the request body must be a JSON object, was " + tree.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT));
        }
        return (ObjectNode) tree;
    }

    /** A JSON tree as a {@code type}, refused the way a body would be. */
    public <T> T convert(JsonNode tree, Class<T> type) {
        return mapped(() -> mapper.treeToValue(tree, type));
    }

    /** What a merge patch's target is read from: a value as JSON. */
    public ObjectNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    private static byte[] body(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (isBlank(body)) {
            throw ApiException.badRequest(null, "the request needs a JSON body");
        }
        return body;
    }

    private interface Reading<T> {
        T read() throws IOException;
    }

    private static <T> T mapped(Reading<T> reading) {
        try {
            T value = reading.read();
            if (value == null || value instanceof JsonNode node && node.isNull()) {
                throw ApiException.badRequest(null, "the request body must be a JSON object, was null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest(path(e), "unknown field '" + e.getPropertyName() + "'; known fields: "
                    + e.getKnownPropertyIds());
        } catch (Json.InvalidValueException e) {
            throw ApiException.badRequest(path(e), e.getOriginalMessage());
        } catch (InvalidFormatException e) {
            String given = given(e);
            throw ApiException.badRequest(path(e), "must be " + typeName(e.getTargetType()) + ", was "
                    + (given != null ? given : "'" + e.getValue() + "'"));
        } catch (MismatchedInputException e) {
            String field = path(e);
            String given = given(e);
            throw ApiException.badRequest(field, field == null ? "the request body must be a JSON object"
                    : "must be " + typeName(e.getTargetType()) + (given == null ? "" : ", was " + given));
        } catch (JsonMappingException e) {
            InvalidRequestException cause = ErrorMapper.causeOf(e, InvalidRequestException.class);
            if (cause != null) {
                throw cause;
            }
            if (e.getCause() instanceof InputCoercionException tooLarge) {
                throw outOfRange(tooLarge);
            }
            if (e.getCause() instanceof StreamConstraintsException beyond) {
                throw beyondLimits(beyond);
            }
            if (e.getCause() instanceof JsonProcessingException notJson && endsEarly(notJson)) {
                throw endedEarly(notJson);
            }
            if (e.getCause() instanceof JsonProcessingException notJson && parsingPath(notJson) != null) {
                // a parse error inside an untyped value (a duplicate key in kwargs): where the parser stopped
                throw ApiException.badRequest(parsingPath(notJson), "the request body is not valid JSON: "
                        + notJson.getOriginalMessage());
            }
            throw ApiException.badRequest(path(e), "invalid value: " + e.getOriginalMessage());
        } catch (InputCoercionException e) {
            throw outOfRange(e);
        } catch (StreamConstraintsException e) {
            throw beyondLimits(e);
        } catch (JsonProcessingException e) {
            if (endsEarly(e)) {
                throw endedEarly(e);
            }
            throw ApiException.badRequest(parsingPath(e), "the request body is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("bug: reading a body already in memory failed", e);
        }
    }

    /**
     * True when the body stops before its JSON value ends: Jackson throws a {@link JsonEOFException} inside a value
     * and a plain parse exception "Unexpected end-of-input" between an object's entries.
     */
    private static boolean endsEarly(JsonProcessingException e) {
        return e instanceof JsonEOFException || String.valueOf(e.getOriginalMessage())
                .startsWith("Unexpected end-of-input");
    }

    /** No field is at fault when the body ends early: say where it stops instead. */
    private static ApiException endedEarly(JsonProcessingException e) {
        return ApiException.badRequest(null, "the request body is not valid JSON: it ends early (line "
                + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }

    /** The value a field was given as the client wrote it, where the mapper stopped; see {@link #written}. */
    private static String given(JsonMappingException e) {
        return e.getProcessor() instanceof JsonParser parser ? written(parser) : null;
    }

    /**
     * The scalar the parser stands on as the client wrote it ({@code 1e400}, not the {@code Infinity} Jackson made
     * of it; a string in its quotes); null when it stands on none (an object, an array) or cannot say.
     */
    private static String written(JsonParser parser) {
        JsonToken token = parser.currentToken();
        if (token == null || !token.isScalarValue()) {
            return null;
        }
        try {
            return token == JsonToken.VALUE_STRING ? "'" + parser.getText() + "'" : parser.getText();
        } catch (IOException unreadable) {
            return null;
        }
    }

    /**
     * A number that is valid JSON but does not fit its field's type ({@code 2147483648} for an {@code int}): the
     * field's rule, not "not valid JSON", which is what Jackson's parser calls it.
     */
    private static ApiException outOfRange(InputCoercionException e) {
        Class<?> type = e.getTargetType();
        String rule = type == int.class || type == Integer.class
                ? "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE
                : type == long.class || type == Long.class
                ? "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE : typeName(type);
        String was = e.getProcessor() == null ? null : written(e.getProcessor());
        return ApiException.badRequest(parsingPath(e), "must be " + rule + (was == null ? "" : ", was " + was));
    }

    /**
     * Valid JSON beyond what the reader takes (nested over 1,000 levels deep, a number of over 1,000 digits): its
     * message without the name of the Jackson setting behind the limit, which the client cannot change.
     */
    private static ApiException beyondLimits(StreamConstraintsException e) {
        String limit = String.valueOf(e.getOriginalMessage()).replaceFirst(", from `[^`]*`", "");
        return ApiException.badRequest(parsingPath(e), "the request body is beyond the JSON reader's limits: "
                + limit);
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Where the parser was when the body stopped being JSON (a duplicate key, bad UTF-8): the field, or null. */
    private static String parsingPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        Deque<String> parts = new ArrayDeque<>(); // root first
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.addFirst(c.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (path.length() > 0 && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.length() == 0 ? null : path.toString();
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
