package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A subcommand that posts one action to one named resource and says what it did, such as enabling a schedule or
 * pausing a queue: {@code POST /api/v1/<collection>/<name>/<action>}.
 */
abstract class NamedAction implements Runnable {
    @Mixin
    ClientOptions client;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "the name")
    String name;

    private final String collection;
    private final String kind;
    private final String action;
    private final String done;

    /** E.g. {@code ("queues", "queue", "pause", "paused")}. */
    NamedAction(String collection, String kind, String action, String done) {
        this.collection = collection;
        this.kind = kind;
        this.action = action;
        this.done = done;
    }

    @Override
    public void run() {
        JsonNode result = client.client().post("/api/v1/" + collection + "/" + encode(name) + "/" + action, Map.of());
        client.print(spec.commandLine().getOut(), result, r -> kind + " " + name + " " + done);
    }

    /** One path segment, percent-encoded. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
