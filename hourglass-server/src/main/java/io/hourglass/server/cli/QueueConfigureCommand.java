package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass queues configure NAME}: sets a queue's limits (admin token). Limits not given keep their value
 * and {@code none} removes one: the API's {@code PUT} replaces all three, so the queue's settings are read first
 * (a queue that does not exist yet has none) and sent back with the given changes.
 */
@Command(name = "configure", mixinStandardHelpOptions = true,
        description = "Set a queue's limits (needs an admin token); limits not given stay, 'none' removes one.")
final class QueueConfigureCommand implements Runnable {
    @Mixin
    ClientOptions client;
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "NAME", description = "the queue's name (a queue that does not exist is created)")
    String name;
    @Option(names = "--concurrency", paramLabel = "N|none",
            description = "at most N of its jobs run at once, cluster-wide")
    String concurrency;
    @Option(names = "--max-size", paramLabel = "N|none",
            description = "at most N scheduled jobs; enqueues beyond it are refused")
    String maxSize;
    @Option(names = "--bypass-priority", paramLabel = "N|none",
            description = "jobs of at least this priority are accepted beyond --max-size")
    String bypassPriority;

    @Override
    public void run() {
        if (concurrency == null && maxSize == null && bypassPriority == null) {
            throw new HourglassCommand.UsageError("give --concurrency, --max-size or --bypass-priority");
        }
        ApiClient api = client.client();
        String path = "/api/v1/queues/" + NamedAction.encode(name);
        JsonNode current = existing(api, path);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("concurrency", limit("--concurrency", concurrency, current.get("concurrency")));
        body.put("maxSize", limit("--max-size", maxSize, current.get("maxSize")));
        body.put("bypassPriority", limit("--bypass-priority", bypassPriority, current.get("bypassPriority")));
        JsonNode saved = api.put(path, body);
        client.print(spec.commandLine().getOut(), saved, q -> "queue " + name + ": concurrency "
                + q.path("concurrency").asText("none") + ", max size " + q.path("maxSize").asText("none")
                + ", bypass priority " + q.path("bypassPriority").asText("none"));
    }

    private static JsonNode existing(ApiClient api, String path) {
        try {
            return api.get(path);
        } catch (ApiClient.Failure e) {
            if (e.exitCode() == HourglassCommand.EXIT_NOT_FOUND) {
                return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            }
            throw e;
        }
    }

    /** The limit to send: the option's value, none for {@code none}, or else the current one. */
    private static Integer limit(String option, String given, JsonNode current) {
        if (given == null) {
            return current == null || current.isNull() ? null : current.asInt();
        }
        if (given.equals("none")) {
            return null;
        }
        try {
            return Integer.valueOf(given.strip());
        } catch (NumberFormatException e) {
            throw new HourglassCommand.UsageError(option + " must be a whole number or none, was '" + given + "'");
        }
    }
}
