package io.hourglass.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass feeds list|show|define|delete|poll|preview}: feeds through the REST API. {@code define} sends a
 * definition built from options, or the JSON body in a file ({@code --file}), to {@code PUT /api/v1/feeds/{name}};
 * {@code show} adds the latest polls, {@code preview} the jobs a poll would create and the items it would refuse.
 */
@Command(name = "feeds", mixinStandardHelpOptions = true,
        description = "List, show, define, delete, poll and preview feeds (HTTP sources whose JSON items become"
                + " jobs).",
        subcommands = {FeedsCommand.ListFeeds.class, FeedsCommand.Show.class, FeedsCommand.Define.class,
                FeedsCommand.Delete.class, FeedsCommand.Poll.class, FeedsCommand.Preview.class})
final class FeedsCommand {
    static final List<String> COLUMNS = List.of("name", "url", "every", "cron", "task", "queue", "nextPollAt");
    static final List<String> POLL_COLUMNS = List.of("id", "jobId", "status", "httpStatus", "itemsSeen",
            "jobsCreated", "duplicates", "skipped", "refused", "finishedAt");
    static final List<String> PREVIEW_COLUMNS = List.of("index", "task", "dedupKey", "queue", "duplicateOf");

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedsCommand() {
    }

    private static String path(String name) {
        return "/api/v1/feeds/" + NamedAction.encode(name);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List feeds.")
    static final class ListFeeds extends ListItems {
        ListFeeds() {
            super("feeds", COLUMNS);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a feed (literal credentials in headers masked) and its latest polls.")
    static final class Show implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the feed's name")
        String name;
        @Option(names = "--polls", paramLabel = "N", description = "how many polls to show (default 10)")
        int polls = 10;

        @Override
        public void run() {
            JsonNode feed = client.client().get(path(name));
            PrintWriter out = spec.commandLine().getOut();
            client.print(out, feed, JSON.createArrayNode().add(feed), COLUMNS);
            if (client.json) {
                return;
            }
            for (String part : List.of("headers", "items", "taskFrom", "kwargs", "args", "dedupKey")) {
                if (feed.hasNonNull(part)) {
                    out.println(part + ": " + feed.get(part));
                }
            }
            JsonNode recent = client.client().get(path(name) + "/polls?limit=" + polls).get("items");
            out.println("polls:");
            client.print(out, recent, recent, POLL_COLUMNS);
            for (JsonNode poll : recent) {
                poll.get("refusals").forEach(r -> out.println("  poll " + poll.get("id").asText() + " item "
                        + r.get("index").asText() + ": " + r.get("reason").asText()));
                if (poll.hasNonNull("error")) {
                    out.println("  poll " + poll.get("id").asText() + " error: " + poll.get("error").asText());
                }
            }
        }
    }

    @Command(name = "define", mixinStandardHelpOptions = true,
            description = "Define or replace a feed: give --source, --every or --cron, and --task or --task-from with"
                    + " --map (plus --dedup-key, --queue, --items, --header), or --file with the JSON definition.")
    static final class Define implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the feed's name")
        String name;
        @Option(names = "--source", paramLabel = "URL", description = "the http or https URL polled (--url is the server's)")
        String url;
        @Option(names = "--every", paramLabel = "DURATION", description = "poll interval, e.g. 5m") String every;
        @Option(names = "--cron", paramLabel = "EXPR", description = "poll cron expression") String cron;
        @Option(names = "--zone", paramLabel = "ZONE", description = "the cron's IANA zone (default UTC)") String zone;
        @Option(names = "--items", paramLabel = "POINTER", description = "JSON Pointer to the items array") String items;
        @Option(names = "--task", description = "the task of every job") String task;
        @Option(names = "--task-from", paramLabel = "POINTER", description = "the item field choosing the task")
        String taskFrom;
        @Option(names = "--map", paramLabel = "VALUE=TASK", description = "with --task-from: a field value's task")
        Map<String, String> map;
        @Option(names = "--otherwise", description = "with --task-from: skip, error (default) or a task")
        String otherwise;
        @Option(names = "--dedup-key", paramLabel = "TEMPLATE", description = "e.g. account:$${/id}") String dedupKey;
        @Option(names = "--queue", description = "the queue of the created jobs") String queue;
        @Option(names = "--header", paramLabel = "NAME=VALUE",
                description = "a request header; values may hold $${secret:NAME}") Map<String, String> headers;
        @Option(names = "--file", paramLabel = "FILE", description = "the whole definition as JSON") Path file;

        @Override
        public void run() {
            Map<String, Object> body = file != null ? fromFile() : fromOptions();
            JsonNode saved = client.client().put(path(name), body);
            client.print(spec.commandLine().getOut(), saved, f -> "feed " + name + " defined (schedule "
                    + f.get("schedule").asText() + ", next poll " + f.get("nextPollAt").asText() + ")");
        }

        private Map<String, Object> fromFile() {
            if (url != null || every != null || cron != null || task != null || taskFrom != null) {
                throw new HourglassCommand.UsageError("give either --file or the definition's options, not both");
            }
            return RequestParts.jsonFile(file, "--file");
        }

        private Map<String, Object> fromOptions() {
            if (url == null) {
                throw new HourglassCommand.UsageError("give --source URL (or --file with the whole definition)");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", url);
            RequestParts.putIfSet(body, "every", every);
            RequestParts.putIfSet(body, "cron", cron);
            RequestParts.putIfSet(body, "zone", zone);
            RequestParts.putIfSet(body, "headers", headers);
            RequestParts.putIfSet(body, "items", items);
            RequestParts.putIfSet(body, "task", task);
            if (taskFrom != null) {
                Map<String, Object> from = new LinkedHashMap<>();
                from.put("field", taskFrom);
                from.put("map", map);
                RequestParts.putIfSet(from, "otherwise", otherwise);
                body.put("taskFrom", from);
            }
            RequestParts.putIfSet(body, "dedupKey", dedupKey);
            RequestParts.putIfSet(body, "queue", queue);
            return body;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a feed with its schedule and poll records (jobs it created stay).")
    static final class Delete implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the feed's name")
        String name;

        @Override
        public void run() {
            client.client().delete(path(name));
            spec.commandLine().getOut().println(client.json ? "{\"deleted\": true}" : "feed " + name + " deleted");
        }
    }

    @Command(name = "poll", mixinStandardHelpOptions = true, description = "Poll a feed now (enqueues a poll job).")
    static final class Poll implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the feed's name")
        String name;

        @Override
        public void run() {
            JsonNode result = client.client().post(path(name) + "/poll", Map.of());
            client.print(spec.commandLine().getOut(), result, r -> "feed " + name + ": poll job "
                    + r.get("jobId").asText() + " enqueued");
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Fetch and map a feed now, creating nothing: the jobs a poll would create, the items it"
                    + " would skip or refuse.")
    static final class Preview implements Runnable {
        @Mixin
        ClientOptions client;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "NAME", description = "the feed's name")
        String name;

        @Override
        public void run() {
            JsonNode preview = client.client().post(path(name) + "/preview", Map.of());
            PrintWriter out = spec.commandLine().getOut();
            client.print(out, preview, preview.get("jobs"), PREVIEW_COLUMNS);
            if (!client.json) {
                out.println("items seen " + preview.get("itemsSeen").asText() + ", jobs " + preview.get("jobs").size()
                        + ", skipped " + preview.get("skipped").size() + ", refused " + preview.get("refused").size());
                for (String part : List.of("skipped", "refused")) {
                    preview.get(part).forEach(r -> out.println(part + " item " + r.get("index").asText() + ": "
                            + r.get("reason").asText()));
                }
            }
        }
    }
}
