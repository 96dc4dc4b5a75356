package io.hourglass.schedule;

import io.hourglass.InvalidRequestException;
import io.hourglass.internal.Names;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A schedule's parameter matrix: each fire creates one job per combination, the combination merged into the job's
 * keyword arguments. The shape and rules are GitHub Actions' {@code strategy.matrix}, so operators read it the
 * way they already do:
 * <ul>
 *   <li>the combinations are the product of the value lists, in key order (the first key varies slowest);</li>
 *   <li>{@code exclude} comes first: a combination is dropped when it matches every key:value of an exclude
 *       entry (a partial match is enough);</li>
 *   <li>then each {@code include} entry, in order, is added to every combination it does not contradict (none of
 *       its key:values overwrites one of the original matrix values; values an earlier include added may be
 *       overwritten); an entry that fits no combination of the product becomes a combination of its own (later
 *       entries do not extend it).</li>
 * </ul>
 * Values are scalars (text, numbers, booleans). At most {@link #MAX_COMBINATIONS} combinations; each is told
 * apart by its {@link #cellKey cell key}, which is part of the (schedule, fire time, combination) fire key.
 *
 * @param values  the keys and their values, in key order
 * @param exclude partial combinations to drop from the product
 * @param include combinations to extend or add, applied in order after {@code exclude}
 */
public record Matrix(Map<String, List<Object>> values, List<Map<String, Object>> exclude,
                     List<Map<String, Object>> include) {

    /** GitHub Actions' limit too: a fire creates at most this many jobs per fire time. */
    public static final int MAX_COMBINATIONS = 256;
    /** The longest a combination may be as its cell key (it is part of a unique database key). */
    public static final int MAX_CELL_KEY_CHARS = 1000;
    static final String FIELD = "matrix";
    private static final int MAX_KEY_LENGTH = 100;

    public Matrix {
        values = copyValues(values);
        exclude = copyEntries(exclude, "exclude");
        include = copyEntries(include, "include");
        InvalidRequestException.require(!values.isEmpty() || !include.isEmpty(), FIELD,
                "needs at least one key with values, or an include entry");
        for (int i = 0; i < exclude.size(); i++) {
            for (Map.Entry<String, Object> e : exclude.get(i).entrySet()) {
                String field = FIELD + ".exclude[" + i + "]." + e.getKey();
                List<Object> known = values.get(e.getKey());
                InvalidRequestException.require(known != null, field, "is not a key of the matrix " + values.keySet());
                InvalidRequestException.require(known.contains(e.getValue()), field,
                        "'" + e.getValue() + "' is not one of its values " + known);
            }
        }
        List<Map<String, Object>> all = expand(values, exclude, include);
        InvalidRequestException.require(!all.isEmpty(), FIELD, "excludes every combination");
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            String key = cellKey(all.get(i));
            if (key.length() > MAX_CELL_KEY_CHARS) {
                throw new InvalidRequestException(FIELD, "combination " + key.substring(0, 80) + "... is "
                        + key.length() + " characters as JSON, more than " + MAX_CELL_KEY_CHARS);
            }
            Integer earlier = seen.putIfAbsent(key, i);
            InvalidRequestException.require(earlier == null, FIELD + ".include",
                    "combination " + key + " appears twice (combinations " + earlier + " and " + i + ")");
        }
    }

    /**
     * Reads a matrix in its JSON shape: keys with value lists, plus optional {@code exclude} and {@code include}
     * lists of objects. Null stays null (no matrix).
     */
    @SuppressWarnings("unchecked")
    public static Matrix fromMap(Map<String, ?> json) {
        if (json == null) {
            return null;
        }
        Map<String, List<Object>> values = new LinkedHashMap<>();
        List<Map<String, Object>> exclude = List.of();
        List<Map<String, Object>> include = List.of();
        for (Map.Entry<String, ?> e : json.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.equals("exclude") || key.equals("include")) {
                InvalidRequestException.require(value instanceof List<?> list
                                && list.stream().allMatch(item -> item instanceof Map<?, ?>),
                        FIELD + "." + key, "must be a list of objects (key: value), was " + value);
                List<Map<String, Object>> entries = (List<Map<String, Object>>) value;
                if (key.equals("exclude")) {
                    exclude = entries;
                } else {
                    include = entries;
                }
            } else {
                InvalidRequestException.require(value instanceof List<?>, FIELD + "." + key,
                        "must be a list of values, was " + value);
                values.put(key, (List<Object>) value);
            }
        }
        return new Matrix(values, exclude, include);
    }

    /** This matrix in its JSON shape, the inverse of {@link #fromMap}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(values);
        if (!exclude.isEmpty()) {
            map.put("exclude", exclude);
        }
        if (!include.isEmpty()) {
            map.put("include", include);
        }
        return map;
    }

    /** Every combination, in order: the product in key order less the excluded, then what include adds. */
    public List<Map<String, Object>> combinations() {
        return expand(values, exclude, include);
    }

    /**
     * The key that tells a combination apart in the fire key: its JSON with keys sorted, e.g.
     * {@code {"browser":"chrome","partner":"acme"}}. The empty combination (a job without a matrix) is "".
     */
    public static String cellKey(Map<String, Object> combination) {
        if (combination == null || combination.isEmpty()) {
            return "";
        }
        StringBuilder json = new StringBuilder("{");
        combination.keySet().stream().sorted().forEach(key -> {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, key);
            json.append(':');
            Object value = combination.get(key);
            if (value instanceof String text) {
                quote(json, text);
            } else {
                json.append(value);
            }
        });
        return json.append('}').toString();
    }

    private static List<Map<String, Object>> expand(Map<String, List<Object>> values,
                                                    List<Map<String, Object>> exclude,
                                                    List<Map<String, Object>> include) {
        List<Map<String, Object>> combinations = new ArrayList<>();
        if (!values.isEmpty()) {
            combinations.add(new LinkedHashMap<>());
        }
        for (Map.Entry<String, List<Object>> key : values.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>(combinations.size() * key.getValue().size());
            for (Map<String, Object> partial : combinations) {
                for (Object value : key.getValue()) {
                    Map<String, Object> extended = new LinkedHashMap<>(partial);
                    extended.put(key.getKey(), value);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        combinations.removeIf(c -> exclude.stream().anyMatch(entry -> matches(c, entry)));
        int fromProduct = combinations.size(); // include entries extend these only, never each other's additions
        for (Map<String, Object> entry : include) {
            boolean added = false;
            for (Map<String, Object> combination : combinations.subList(0, fromProduct)) {
                if (fits(combination, entry, values)) {
                    combination.putAll(entry);
                    added = true;
                }
            }
            if (!added) {
                combinations.add(new LinkedHashMap<>(entry));
            }
        }
        InvalidRequestException.require(combinations.size() <= MAX_COMBINATIONS, FIELD,
                "has " + combinations.size() + " combinations, at most " + MAX_COMBINATIONS + " are allowed");
        List<Map<String, Object>> frozen = new ArrayList<>(combinations.size());
        combinations.forEach(c -> frozen.add(Collections.unmodifiableMap(c)));
        return Collections.unmodifiableList(frozen);
    }

    private static boolean matches(Map<String, Object> combination, Map<String, Object> partial) {
        return partial.entrySet().stream().allMatch(e -> Objects.equals(combination.get(e.getKey()), e.getValue()));
    }

    /** An include entry fits a combination when it overwrites none of the combination's original values. */
    private static boolean fits(Map<String, Object> combination, Map<String, Object> entry,
                                Map<String, List<Object>> values) {
        return entry.entrySet().stream().allMatch(e -> !values.containsKey(e.getKey())
                || Objects.equals(combination.get(e.getKey()), e.getValue()));
    }

    private static Map<String, List<Object>> copyValues(Map<String, List<Object>> values) {
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        long product = 1;
        for (Map.Entry<String, List<Object>> e : values == null ? Map.<String, List<Object>>of().entrySet()
                : values.entrySet()) {
            String field = FIELD + "." + e.getKey();
            requireKey(field, e.getKey());
            List<Object> list = e.getValue();
            InvalidRequestException.require(list != null && !list.isEmpty(), field, "needs at least one value");
            for (int i = 0; i < list.size(); i++) {
                requireScalar(field + "[" + i + "]", list.get(i));
            }
            InvalidRequestException.require(list.stream().distinct().count() == list.size(), field,
                    "lists a value twice: " + list);
            product *= list.size();
            // refused before the product is built, so a huge matrix costs no memory
            InvalidRequestException.require(product <= (long) MAX_COMBINATIONS * MAX_COMBINATIONS, FIELD,
                    "has far more than " + MAX_COMBINATIONS + " combinations");
            copy.put(e.getKey(), List.copyOf(list));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static List<Map<String, Object>> copyEntries(List<Map<String, Object>> entries, String name) {
        if (entries == null) {
            return List.of();
        }
        List<Map<String, Object>> copy = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            String field = FIELD + "." + name + "[" + i + "]";
            Map<String, Object> entry = entries.get(i);
            InvalidRequestException.require(entry != null && !entry.isEmpty(), field, "must name at least one key");
            for (Map.Entry<String, Object> e : entry.entrySet()) {
                requireKey(field + "." + e.getKey(), e.getKey());
                requireScalar(field + "." + e.getKey(), e.getValue());
            }
            copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(entry)));
        }
        return Collections.unmodifiableList(copy);
    }

    private static void requireKey(String field, String key) {
        Names.require(field, key, MAX_KEY_LENGTH);
        InvalidRequestException.require(!key.equals("include") && !key.equals("exclude"), field,
                "'include' and 'exclude' are lists of combinations, not keys");
    }

    private static void requireScalar(String field, Object value) {
        InvalidRequestException.require(value instanceof String || value instanceof Boolean
                        || value instanceof Number, field,
                "must be text, a number or a boolean, was " + (value == null ? "null" : value));
        if (value instanceof String text) {
            Names.requireText(field, text);
        }
        if (value instanceof Double d) {
            InvalidRequestException.require(Double.isFinite(d), field, "must be a finite number, was " + d);
        }
    }

    private static void quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
