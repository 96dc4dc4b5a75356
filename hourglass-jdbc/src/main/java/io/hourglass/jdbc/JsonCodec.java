package io.hourglass.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.hourglass.InvalidRequestException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Positional and keyword arguments, and other JSON-shaped values (a task definition's settings), as JSON text. Maps
 * keep their key order; numbers read back as Jackson reads them.
 *
 * <p>Every claimed job's arguments are read here, on the dispatcher's thread, between a claim and the next: the
 * readers are built once (a {@code readValue} with a type reference resolved the type and looked up its
 * deserializer on every call, 5 % of the dispatcher's samples), and no arguments, the commonest kind, are written
 * and read without Jackson.
 */
final class JsonCodec {
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };
    private static final String NO_ARGS = "[]";
    private static final String NO_KWARGS = "{}";

    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectReader listReader = mapper.readerFor(LIST);
    private final ObjectReader mapReader = mapper.readerFor(MAP);

    String args(List<Object> args) {
        return args == null || args.isEmpty() ? NO_ARGS : write("args", args);
    }

    String kwargs(Map<String, Object> kwargs) {
        return kwargs == null || kwargs.isEmpty() ? NO_KWARGS : write("kwargs", kwargs);
    }

    List<Object> readArgs(String json) {
        if (NO_ARGS.equals(json)) {
            return Collections.emptyList();
        }
        try {
            return Collections.unmodifiableList(listReader.readValue(json));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored args are not a JSON array: " + e.getOriginalMessage(), e);
        }
    }

    Map<String, Object> readKwargs(String json) {
        if (NO_KWARGS.equals(json)) {
            return Collections.emptyMap();
        }
        try {
            return Collections.unmodifiableMap(mapReader.readValue(json));
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
            return Collections.unmodifiableMap(mapReader.readValue(json));
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
            return Collections.unmodifiableList(listReader.readValue(json));
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
