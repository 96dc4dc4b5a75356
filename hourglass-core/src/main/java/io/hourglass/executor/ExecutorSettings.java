package io.hourglass.executor;

import io.hourglass.InvalidRequestException;
import io.hourglass.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An executor's settings as data (JSON-shaped: strings, numbers, booleans, lists, maps), read with types. Every
 * read that fails names the setting as {@code settings.<key>} and says what was expected and what was found, so
 * an API can answer 422 with it.
 *
 * <p>Text may refer to the node's {@link Secrets} as {@code ${secret:NAME}}: string reads ({@link #string},
 * {@link #strings}, {@link #stringMap}) return it with the secret put in, and refuse a name the node lacks.
 *
 * <pre>{@code
 * settings.allowOnly("url", "method", "headers");
 * URI url = URI.create(settings.string("url"));
 * Duration timeout = settings.duration("timeout", Duration.ofSeconds(30));
 * }</pre>
 */
public final class ExecutorSettings {
    private static final String FIELD = "settings.";
    /** Setting names whose values are secrets at any depth: shown as {@link #REDACTED}. */
    private static final Pattern SECRET_KEY =
            Pattern.compile(".*(secret|password|passwd|token|authorization|api[_-]?key|credential).*");
    /** The password in {@code scheme://user:password@host}. */
    private static final Pattern URL_PASSWORD = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@]*:)[^@/]*@");
    public static final String REDACTED = "***";
    private static final Pattern SECRET_REFERENCE = Pattern.compile("\\$\\{secret:([A-Za-z0-9_]+)}");

    private final String executor;
    private final Map<String, Object> values;
    private final Secrets secrets;

    private ExecutorSettings(String executor, Map<String, Object> values, Secrets secrets) {
        this.executor = executor;
        this.values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.secrets = secrets;
    }

    /** Settings whose secret references are all refused (the node has no secrets). */
    public static ExecutorSettings of(String executor, Map<String, Object> values) {
        return new ExecutorSettings(executor, values, Secrets.NONE);
    }

    public static ExecutorSettings of(String executor, Map<String, Object> values, Secrets secrets) {
        return new ExecutorSettings(executor, values, java.util.Objects.requireNonNull(secrets, "secrets"));
    }

    public Map<String, Object> values() {
        return values;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** Refuses settings this executor does not know, listing the ones it does (a typo must not pass silently). */
    public void allowOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidRequestException(FIELD + key, "not a setting of the " + executor
                        + " executor; it knows " + new TreeSet<>(allowed));
            }
        }
    }

    /**
     * Refuses settings that only the node's operator decides (an allow-list, a working directory): a definition
     * must not widen the limits it is checked against.
     */
    public void refuseOperatorSettings(java.util.Collection<String> keys) {
        for (String key : keys) {
            InvalidRequestException.require(!values.containsKey(key), FIELD + key,
                    "is decided by the node's operator, not by a task definition");
        }
    }

    /** A required, non-blank string. */
    public String string(String key) {
        String value = string(key, null);
        InvalidRequestException.require(value != null && !value.isBlank(), FIELD + key,
                "required by the " + executor + " executor (a non-blank string)");
        return value;
    }

    public String string(String key, String fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw wrongType(key, "a string", value);
        }
        return withSecrets(FIELD + key, text);
    }

    public int integer(String key, int fallback, int min, int max) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw wrongType(key, "a whole number", value);
        }
        long n = number.longValue();
        InvalidRequestException.require(n >= min && n <= max, FIELD + key,
                "must be between " + min + " and " + max + ", was " + n);
        return (int) n;
    }

    public boolean bool(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw wrongType(key, "true or false", value);
        }
        return flag;
    }

    /** A duration written as "30s", "500ms", "5m", "2h", "1d" or ISO-8601; must be positive. */
    public Duration duration(String key, Duration fallback) {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        Duration value;
        try {
            value = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(FIELD + key, e.getMessage());
        }
        InvalidRequestException.require(!value.isNegative() && !value.isZero(), FIELD + key,
                "must be positive, was " + text);
        return value;
    }

    /** A list of strings; empty when absent. */
    public List<String> strings(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(key, "a list of strings", value);
        }
        List<String> result = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw wrongType(key, "a list of strings", value);
            }
            result.add(withSecrets(FIELD + key, text));
        }
        return List.copyOf(result);
    }

    /** A map from names to strings (headers, environment); empty when absent. */
    public Map<String, String> stringMap(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw wrongType(key, "an object of strings", value);
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String text)) {
                throw new InvalidRequestException(FIELD + key + "." + entry.getKey(),
                        "must be a string, was " + describe(entry.getValue()));
            }
            result.put(String.valueOf(entry.getKey()), withSecrets(FIELD + key + "." + entry.getKey(), text));
        }
        return Collections.unmodifiableMap(result);
    }

    /** A nested object, as JSON-shaped values (secret references left as written); empty when absent. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw wrongType(key, "an object", value);
        }
        return Collections.unmodifiableMap((Map<String, Object>) value);
    }

    /**
     * A copy fit to show or log: values of secret-sounding settings (password, token, authorization, secret, API
     * key, credential) at any depth become {@link #REDACTED}, and so does the password inside a URL.
     */
    public static Map<String, Object> redacted(Map<String, Object> settings) {
        Map<String, Object> copy = new LinkedHashMap<>();
        settings.forEach((key, value) -> copy.put(key, redactedValue(key, value)));
        return copy;
    }

    /**
     * Settings sent back after an edit of their {@link #redacted} copy, with every value left as it was shown
     * masked (a setting still {@link #REDACTED}, a URL whose password is still masked) put back to the stored
     * value it stands for, at any depth: an operator edits other settings without re-typing the secrets. A value
     * that was changed, or has no stored counterpart, is taken as sent.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> restoreRedacted(Map<String, Object> sent, Map<String, Object> stored) {
        Map<String, Object> copy = new LinkedHashMap<>();
        sent.forEach((key, value) -> {
            Object before = stored.get(key);
            if (value instanceof Map<?, ?> map && before instanceof Map<?, ?> storedMap) {
                copy.put(key, restoreRedacted((Map<String, Object>) map, (Map<String, Object>) storedMap));
            } else if (before != null && !before.equals(redactedValue(key, before))
                    && java.util.Objects.equals(value, redactedValue(key, before))) {
                copy.put(key, before);
            } else {
                copy.put(key, value);
            }
        });
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object redactedValue(String key, Object value) {
        if (value != null && SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches()) {
            return REDACTED;
        }
        if (value instanceof Map<?, ?> map) {
            return redacted((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> redactedValue("", item)).toList();
        }
        if (value instanceof String text) {
            return URL_PASSWORD.matcher(text).replaceFirst("$1" + REDACTED + "@");
        }
        return value;
    }

    /** The text with each {@code ${secret:NAME}} replaced by the secret; a name this node lacks is refused. */
    private String withSecrets(String field, String text) {
        if (text.indexOf("${secret:") < 0) {
            return text;
        }
        Matcher m = SECRET_REFERENCE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String secret = secrets.find(name).orElseThrow(() -> new InvalidRequestException(field,
                    "refers to secret '" + name + "', which this node does not have"));
            m.appendReplacement(resolved, Matcher.quoteReplacement(secret));
        }
        m.appendTail(resolved);
        return resolved.toString();
    }

    private InvalidRequestException wrongType(String key, String expected, Object value) {
        return new InvalidRequestException(FIELD + key, "must be " + expected + ", was " + describe(value));
    }

    private static String describe(Object value) {
        if (value instanceof String text) {
            return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return executor + " settings " + redacted(values);
    }
}
