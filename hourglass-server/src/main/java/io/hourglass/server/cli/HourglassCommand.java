package io.hourglass.server.cli;

import io.hourglass.server.StartupException;
import io.hourglass.server.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hourglass} command. Its errors are one line on stderr and an exit code that means something:
 * 1 for a setting, start-up or connection failure (or a server error), 2 for a bad command line, 3 when the
 * server says "not found", 4 when it refuses the request (bad input, conflict, full queue), 5 for a missing or
 * insufficient token. A stack trace is printed only for a bug.
 */
@Command(name = "hourglass", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Hourglass: a persistent, cluster-capable job scheduler.",
        subcommands = {ServerCommand.class, TokenCommand.class, JobsCommand.class, SchedulesCommand.class,
                QueuesCommand.class, TasksCommand.class, StatsCommand.class, OverdueCommand.class, NodesCommand.class,
                WorkersCommand.class, FeedsCommand.class,
                CommandLine.HelpCommand.class})
public final class HourglassCommand implements Runnable {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_NOT_FOUND = 3;
    public static final int EXIT_REFUSED = 4;
    public static final int EXIT_AUTH = 5;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing a command (try: hourglass server)");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; separate from {@link #main} so tests can call it. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = CommandTree.forArguments(new HourglassCommand(), args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, rejected) -> {
            err.println("hourglass: " + e.getMessage() + " (see 'hourglass "
                    + commandPath(e.getCommandLine()) + "--help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof ApiClient.Failure failure) {
                err.println("hourglass: " + failure.getMessage());
                return failure.exitCode();
            }
            if (e instanceof UsageError) {
                err.println("hourglass: " + e.getMessage());
                return EXIT_USAGE;
            }
            if (e instanceof ConfigException || e instanceof StartupException) {
                err.println("hourglass: " + e.getMessage());
                return EXIT_FAILURE;
            }
            err.println("hourglass: bug: unexpected error: " + e);
            e.printStackTrace(err);
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    private static String commandPath(CommandLine commandLine) {
        String name = commandLine.getCommandSpec().qualifiedName(" ");
        String sub = name.startsWith("hourglass") ? name.substring("hourglass".length()).trim() : name;
        return sub.isEmpty() ? "" : sub + " ";
    }

    /**
     * A command line that parsed but is wrong (an option whose JSON is malformed, options that exclude each other,
     * a token name already taken): exit code 2, like a command line picocli refuses.
     */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
