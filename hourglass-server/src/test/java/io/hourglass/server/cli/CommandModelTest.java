package io.hourglass.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command tree itself: every option documented, malformed JSON options refused as a bad command line, the
 * lazily built tree the same as the whole one, and the query {@code jobs list} sends for its filters.
 */
class CommandModelTest {

    private static List<CommandSpec> allCommands(CommandSpec spec) {
        List<CommandSpec> all = new ArrayList<>(List.of(spec));
        for (CommandLine sub : spec.subcommands().values()) {
            all.addAll(allCommands(sub.getCommandSpec()));
        }
        return all;
    }

    @Test
    void everyOptionAndPositionalParameterHasADescription() {
        List<String> undocumented = new ArrayList<>();
        List<CommandSpec> commands = allCommands(new CommandLine(new HourglassCommand()).getCommandSpec());
        for (CommandSpec command : commands) {
            if (command.usageMessage().description().length == 0 && command.usageMessage().header().length == 0) {
                undocumented.add(command.qualifiedName());
            }
            List<ArgSpec> args = new ArrayList<>(command.options());
            args.addAll(command.positionalParameters());
            for (ArgSpec arg : args) {
                String description = String.join(" ", arg.description()).strip();
                if (description.isEmpty()) {
                    undocumented.add(command.qualifiedName() + " " + arg.paramLabel()
                            + (arg.isOption() ? " " + ((CommandLine.Model.OptionSpec) arg).longestName() : ""));
                }
            }
        }
        assertThat(commands).hasSizeGreaterThan(30); // the walk reaches the leaves
        assertThat(undocumented).isEmpty();
    }

    /** picocli reads {@code ${...}} in a description as a variable and prints an unknown one as "null". */
    @Test
    void helpShowsTemplatePlaceholdersAsWrittenAndNoUnresolvedVariable() {
        CommandLine root = new CommandLine(new HourglassCommand());
        for (CommandSpec command : allCommands(root.getCommandSpec())) {
            assertThat(command.commandLine().getUsageMessage()).as(command.qualifiedName())
                    .doesNotContainPattern("\\bnull\\b");
        }
        String define = root.getSubcommands().get("feeds").getSubcommands().get("define").getUsageMessage();
        assertThat(define).contains("e.g. account:${/id}", "values may hold ${secret:NAME}");
    }

    @Test
    void malformedJsonInAnOptionIsABadCommandLineExitCode2() {
        String nowhere = "http://127.0.0.1:1"; // refused before any request is made
        CliRun args = CliRun.of(nowhere, "jobs", "submit", "t", "--args", "[1,");
        assertThat(args.exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(args.err().lines()).hasSize(1);
        assertThat(args.err()).contains("--args must be a JSON array").doesNotContain("Source:", "REDACTED");
        assertThat(CliRun.of(nowhere, "jobs", "submit", "t", "--args", "{\"a\": 1}").err())
                .contains("--args must be a JSON array, was {\"a\": 1}");
        CliRun kwargs = CliRun.of(nowhere, "schedules", "create", "s", "t", "--every", "1m", "--kwargs", "{oops");
        assertThat(kwargs.exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(kwargs.err()).contains("--kwargs must be a JSON object");
        assertThat(CliRun.of(nowhere, "tasks", "define", "t", "--executor", "webhook", "--settings", "nope").exit())
                .isEqualTo(HourglassCommand.EXIT_USAGE);
    }

    @Test
    void lazilyBuiltTreeShowsTheSameHelpAsTheWholeTree() {
        CommandLine whole = new CommandLine(new HourglassCommand());
        CommandLine lazy = CommandTree.forArguments(new HourglassCommand(), new String[] {"--help"});
        assertThat(lazy.getUsageMessage()).isEqualTo(whole.getUsageMessage());
        for (String group : List.of("jobs", "schedules", "queues", "tasks", "token")) {
            CommandLine lazyGroup = CommandTree.forArguments(new HourglassCommand(), new String[] {group, "--help"})
                    .getSubcommands().get(group);
            assertThat(lazyGroup.getUsageMessage()).as(group)
                    .isEqualTo(whole.getSubcommands().get(group).getUsageMessage());
        }
        CommandLine lazyList = CommandTree.forArguments(new HourglassCommand(), new String[] {"jobs", "list"})
                .getSubcommands().get("jobs").getSubcommands().get("list");
        assertThat(lazyList.getUsageMessage())
                .isEqualTo(whole.getSubcommands().get("jobs").getSubcommands().get("list").getUsageMessage());
    }

    @Test
    void jobsListSendsEveryFilterAsItsQueryParameter() throws IOException {
        List<String> queries = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api/v1/jobs", exchange -> {
            queries.add(exchange.getRequestURI().getRawQuery());
            byte[] body = "{\"items\": [], \"nextCursor\": \"c2\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        try {
            CliRun run = CliRun.of("http://127.0.0.1:" + http.getAddress().getPort(), "jobs", "list",
                    "--state", "failed", "--outcome", "infra_error,failed", "--queue", "q", "--task", "t",
                    "--schedule", "s 1", "--node", "n", "--dedup-key", "d", "--due-from", "2024-01-01T00:00:00Z",
                    "--due-to", "2024-01-02T00:00:00Z", "--created-from", "2024-01-03T00:00:00Z",
                    "--created-to", "2024-01-04T00:00:00Z", "--finished-from", "2024-01-05T00:00:00Z",
                    "--finished-to", "2024-01-06T00:00:00Z", "--limit", "7", "--cursor", "c1");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("(more: --cursor c2)");
            assertThat(queries).containsExactly("limit=7&state=failed&outcome=infra_error%2Cfailed&queue=q&task=t"
                    + "&schedule=s+1&node=n&dedupKey=d&dueFrom=2024-01-01T00%3A00%3A00Z&dueTo=2024-01-02T00%3A00%3A00Z"
                    + "&createdFrom=2024-01-03T00%3A00%3A00Z&createdTo=2024-01-04T00%3A00%3A00Z"
                    + "&finishedFrom=2024-01-05T00%3A00%3A00Z&finishedTo=2024-01-06T00%3A00%3A00Z&cursor=c1");
        } finally {
            http.stop(0);
        }
    }
}
