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
