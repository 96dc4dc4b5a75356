package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Plain text tables for people: one row per item, the given fields as columns, widths fitted to the content. */
final class Table {
    private static final int MAX_CELL = 60;

    private Table() {
    }

    /**
     * The given columns, then each optional one that some item carries: fields a newer server adds (an overdue
     * job's {@code reason}, say) show up when present and leave no empty column when not.
     */
    static List<String> columns(JsonNode items, List<String> columns, List<String> optional) {
        List<String> all = new ArrayList<>(columns);
        for (String column : optional) {
            if (items != null && anyHas(items, column)) {
                all.add(column);
            }
        }
        return all;
    }

    /** The given columns first, then every other field some item has, in the order they first appear. */
    static List<String> allColumns(JsonNode items, List<String> columns) {
        List<String> all = new ArrayList<>(columns);
        if (items != null) {
            for (JsonNode item : items) {
                item.fieldNames().forEachRemaining(name -> {
                    if (!all.contains(name)) {
                        all.add(name);
                    }
                });
            }
        }
        return all;
    }

    private static boolean anyHas(JsonNode items, String column) {
        for (JsonNode item : items) {
            if (item.has(column)) {
                return true;
            }
        }
        return false;
    }

    /** One item as two columns, field and value, in the order the server sent them (a {@code show} command). */
    static void printFields(PrintWriter out, JsonNode item) {
        int width = 0;
        for (var names = item.fieldNames(); names.hasNext(); ) {
            width = Math.max(width, names.next().length());
        }
        for (var fields = item.fields(); fields.hasNext(); ) {
            var field = fields.next();
            out.println(String.format("%-" + width + "s  %s", field.getKey(), cell(field.getValue())).stripTrailing());
        }
    }

    static void print(PrintWriter out, JsonNode items, List<String> columns) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns.stream().map(String::toUpperCase).toList());
        if (items != null) {
            for (JsonNode item : items) {
                rows.add(columns.stream().map(c -> cell(item.get(c))).toList());
            }
        }
        int[] widths = new int[columns.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "-";
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
    }
}
