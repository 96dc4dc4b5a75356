package io.hourglass.celery;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders JSON-like values the way Python's {@code repr} would, for Celery's {@code argsrepr} and
 * {@code kwargsrepr} headers, which Flower and the worker's log show to operators. Cut at {@link #MAX_LENGTH}
 * characters as Celery's own {@code saferepr} does.
 */
final class PythonRepr {
    static final int MAX_LENGTH = 1024;

    private PythonRepr() {
    }

    /** Positional arguments as a Python tuple: {@code (2, 3)}, {@code ('a',)}. */
    static String ofArgs(List<?> args) {
        StringBuilder out = new StringBuilder("(");
        join(args.iterator(), out);
        if (args.size() == 1) {
            out.append(',');
        }
        return cut(out.append(')'));
    }

    /** Keyword arguments as a Python dict: {@code {'a': 1}}. */
    static String ofKwargs(Map<String, ?> kwargs) {
        StringBuilder out = new StringBuilder();
        append(kwargs, out);
        return cut(out);
    }

    private static String cut(StringBuilder out) {
        return out.length() <= MAX_LENGTH ? out.toString() : out.substring(0, MAX_LENGTH - 3) + "...";
    }

    private static void append(Object value, StringBuilder out) {
        if (value == null) {
            out.append("None");
        } else if (value instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (value instanceof Number || value instanceof Character) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                append(entry.getKey(), out);
                out.append(": ");
                append(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            join(items.iterator(), out);
            out.append(']');
        } else {
            quote(value.toString(), out);
        }
    }

    private static void join(Iterator<?> items, StringBuilder out) {
        while (items.hasNext()) {
            append(items.next(), out);
            if (items.hasNext()) {
                out.append(", ");
            }
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        out.append('\'');
    }
}
