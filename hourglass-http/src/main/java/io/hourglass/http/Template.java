package io.hourglass.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.InvalidRequestException;
import io.hourglass.task.JobContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {{...}}} placeholders, parsed once when settings are built so that a misspelt placeholder
 * fails at configuration time. Placeholders: {@code {{kwargs}}} and {@code {{args}}} (as JSON),
 * {@code {{kwargs.NAME}}}, {@code {{args.N}}}, {@code {{job.id}}}, {@code {{job.task}}}, {@code {{job.queue}}},
 * {@code {{job.attempt}}}.
 *
 * <p>Values are escaped for where they land ({@link Escaping}): a value can never change the structure around it,
 * which is what stops a job argument from injecting JSON fields or URL path segments. Strings, numbers and booleans
 * render as text, null as empty text, maps and lists as JSON.
 */
final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern VALID =
            Pattern.compile("kwargs|args|kwargs\\.[^.\\s]+|args\\.\\d+|job\\.(id|task|queue|attempt)");

    /** How a value is escaped where it is inserted. */
    enum Escaping {
        /** As is: plain text bodies. */
        NONE,
        /** Escaped as the inside of a JSON string: the template supplies the quotes, the value cannot close them. */
        JSON_STRING,
        /** Percent-encoded as a URL component: a value cannot add path segments or query parameters. */
        URL_COMPONENT
    }

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String expression) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    static Template parse(String field, String source) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(source);
        int last = 0;
        while (m.find()) {
            String expression = m.group(1);
            InvalidRequestException.require(VALID.matcher(expression).matches(), field,
                    "unknown placeholder {{" + expression + "}}: use {{kwargs}}, {{kwargs.NAME}}, {{args}}, "
                            + "{{args.N}}, {{job.id}}, {{job.task}}, {{job.queue}} or {{job.attempt}}");
            parts.add(new Literal(source.substring(last, m.start())));
            parts.add(new Placeholder(expression));
            last = m.end();
        }
        parts.add(new Literal(source.substring(last)));
        return new Template(source, List.copyOf(parts));
    }

    String source() {
        return source;
    }

    /** The text with every placeholder replaced by "x": enough to check the shape of a URL at build time. */
    String sample() {
        StringBuilder out = new StringBuilder();
        parts.forEach(p -> out.append(p instanceof Literal l ? l.text() : "x"));
        return out.toString();
    }

    /**
     * Renders for one job; {@code kwargs} is the job's kwargs without the reserved {@code _http} key.
     *
     * @throws InvalidRequestException naming the placeholder when the job lacks the value it refers to
     */
    String render(String field, JobContext job, Map<String, Object> kwargs, Escaping escaping, ObjectMapper json) {
        StringBuilder out = new StringBuilder(source.length() + 64);
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else {
                Placeholder placeholder = (Placeholder) part;
                Object value = resolve(field, placeholder.expression(), job, kwargs);
                out.append(escape(value, escaping, json));
            }
        }
        return out.toString();
    }

    private static Object resolve(String field, String expression, JobContext job, Map<String, Object> kwargs) {
        return switch (expression) {
            case "kwargs" -> kwargs;
            case "args" -> job.args();
            case "job.id" -> job.jobId();
            case "job.task" -> job.task();
            case "job.queue" -> job.queue();
            case "job.attempt" -> job.attempt();
            default -> expression.startsWith("kwargs.")
                    ? kwarg(field, expression.substring("kwargs.".length()), kwargs)
                    : arg(field, Integer.parseInt(expression.substring("args.".length())), job.args());
        };
    }

    private static Object kwarg(String field, String name, Map<String, Object> kwargs) {
        InvalidRequestException.require(kwargs.containsKey(name), field,
                "placeholder {{kwargs." + name + "}}: the job has no kwarg '" + name + "' (it has "
                        + kwargs.keySet() + ")");
        return kwargs.get(name);
    }

    private static Object arg(String field, int index, List<Object> args) {
        InvalidRequestException.require(index < args.size(), field,
                "placeholder {{args." + index + "}}: the job has only " + args.size() + " args");
        return args.get(index);
    }

    private static String escape(Object value, Escaping escaping, ObjectMapper json) {
        String text;
        if (value == null) {
            text = "";
        } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            text = value.toString();
            if (escaping == Escaping.JSON_STRING) {
                String quoted = toJson(text, json);
                text = quoted.substring(1, quoted.length() - 1);
            }
        } else {
            text = toJson(value, json);
        }
        return escaping == Escaping.URL_COMPONENT
                ? URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20")
                : text;
    }

    private static String toJson(Object value, ObjectMapper json) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("kwargs", "value cannot be written as JSON: " + e.getOriginalMessage());
        }
    }
}
