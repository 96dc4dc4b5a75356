package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code list} subcommand of a collection without filters: {@code GET /api/v1/<collection>}, its items as a table.
 */
abstract class ListItems implements Runnable {
    @Mixin
    ClientOptions client;
    @Spec
    CommandSpec spec;

    private final String collection;
    final List<String> columns;

    ListItems(String collection, List<String> columns) {
        this.collection = collection;
        this.columns = columns;
    }

    @Override
    public void run() {
        JsonNode all = client.client().get("/api/v1/" + collection);
        JsonNode items = all.get("items");
        client.print(spec.commandLine().getOut(), all, items, columns(items));
    }

    /** The table's columns for these items: the given ones, unless a collection shows more. */
    List<String> columns(JsonNode items) {
        return columns;
    }
}
