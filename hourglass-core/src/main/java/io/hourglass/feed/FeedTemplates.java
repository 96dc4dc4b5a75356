package io.hourglass.feed;

import io.hourglass.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one parser of feed templates: a string with {@code ${/pointer}} placeholders (RFC 6901 JSON Pointers into an
 * item; {@code ${/}}, or {@code ${}}, is the whole item). Parsed and checked when a feed is saved, so a bad
 * pointer is refused naming the field ({@code kwargs.account}, {@code args[0]}, {@code dedupKey}); a reader
 * renders the parts it returns against each item.
 */
public final class FeedTemplates {
    /** The template of the whole item. */
    public static final String WHOLE_ITEM = "${/}";

    private FeedTemplates() {
    }

    /** One piece of a template string: literal text, or a pointer into the item. */
    public sealed interface Part permits Literal, Field {
    }

    public record Literal(String text) implements Part {
    }

    /** A field of the item; {@code pointer} is "" for the whole item. */
    public record Field(String pointer) implements Part {
    }

    /**
     * The parts of a template string. A string that is exactly one placeholder is one {@link Field}, which keeps
     * the field's JSON type when rendered; anything else renders as text.
     */
    public static List<Part> parse(String field, String template) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = template.indexOf("${", at);
            if (open < 0) {
                break;
            }
            int close = template.indexOf('}', open);
            InvalidRequestException.require(close > 0, field, "placeholder '${' at " + open + " is not closed by '}'");
            if (open > at) {
                parts.add(new Literal(template.substring(at, open)));
            }
            String pointer = template.substring(open + 2, close);
            InvalidRequestException.require(!pointer.startsWith("secret:"), field,
                    "secrets go in headers only; a template takes item fields such as ${/id}");
            String normalised = pointer.equals("/") ? "" : pointer;
            requirePointer(field, normalised);
            parts.add(new Field(normalised));
            at = close + 1;
        }
        if (at < template.length()) {
            parts.add(new Literal(template.substring(at)));
        }
        return List.copyOf(parts);
    }

    /** Checks a JSON Pointer: empty, or '/'-separated tokens with '~' only as '~0' or '~1'. */
    public static void requirePointer(String field, String pointer) {
        InvalidRequestException.require(pointer != null, field, "is required (a JSON Pointer such as /utility)");
        InvalidRequestException.require(pointer.isEmpty() || pointer.startsWith("/"), field,
                "a JSON Pointer is empty or starts with '/', such as /utility, was '" + pointer + "'");
        for (int i = 0; i < pointer.length(); i++) {
            if (pointer.charAt(i) == '~') {
                boolean escape = i + 1 < pointer.length() && (pointer.charAt(i + 1) == '0' || pointer.charAt(i + 1) == '1');
                InvalidRequestException.require(escape, field, "in a JSON Pointer '~' must be written ~0 and '/' in a"
                        + " name ~1, was '" + pointer + "'");
            }
        }
    }

    /** Checks every string inside a JSON-shaped template, naming where it is: {@code kwargs.a.b}, {@code args[1]}. */
    static void requireTemplate(String field, Object template) {
        if (template instanceof String text) {
            parse(field, text);
        } else if (template instanceof Map<?, ?> map) {
            map.forEach((key, value) -> requireTemplate(field + "." + key, value));
        } else if (template instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                requireTemplate(field + "[" + i + "]", list.get(i));
            }
        }
    }
}
