package io.hourglass.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.InvalidRequestException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Positional and keyword arguments, and other JSON-shaped values (a task definition's settings), as JSON text. Maps
 * keep their key order; numbers read back as Jackson reads them.
 */
final class JsonCodec {
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper mapper = new ObjectMapper();

    String args(List<Object> args) {
        return write("args", args == null ? List.of() : args);
    }

    String kwargs(Map<String, Object> kwargs) {
        return write("kwargs", kwargs == null ? Map.of() : kwargs);
    }

    List<Object> readArgs(String json) {
        try {
            return Collections.unmodifiableList(mapper.readValue(json, LIST));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored args are not a JSON array: " + e.getOriginalMessage(), e);
        }
    }

    Map<String, Object> readKwargs(String json) {
        try {
            return Collections.unmodifiableMap(mapper.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored kwargs are not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** Any JSON-shaped object; a value that is not fails naming {@code field}. */
    String object(String field, Map<String, Object> value) {
        return write(field, value == null ? Map.of() : value);
    }

    /** A stored JSON object; {@code what} names it when it is not one ("settings of task 'x'"). */
    Map<String, Object> readObject(String json, Supplier<String> what) {
        try {
            return Collections.unmodifiableMap(mapper.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored " + what.get() + " is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** Any JSON-shaped list; a value that is not fails naming {@code field}. */
    String list(String field, List<?> value) {
        return write(field, value == null ? List.of() : value);
    }

    /** A stored JSON array; {@code what} names it when it is not one. */
    List<Object> readList(String json, Supplier<String> what) {
        try {
            return Collections.unmodifiableList(mapper.readValue(json, LIST));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored " + what.get() + " is not a JSON array: " + e.getOriginalMessage(), e);
        }
    }

    private String write(String field, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(field, "must be JSON-compatible (maps with string keys, lists, strings,"
                    + " numbers, booleans, null): " + e.getOriginalMessage());
        }
    }
}
