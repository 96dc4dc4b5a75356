package io.hourglass.server.cli;

import io.hourglass.server.StartupException;
import io.hourglass.server.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hourglass} command. Its errors are one line on stderr and an exit code that means something:
 * 2 for a bad command line, 1 for a setting or a start-up failure; a stack trace only for a bug.
 */
@Command(name = "hourglass", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Hourglass: a persistent, cluster-capable job scheduler.",
        subcommands = {ServerCommand.class, TokenCommand.class, CommandLine.HelpCommand.class})
public final class HourglassCommand implements Runnable {
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

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
        CommandLine cli = new CommandLine(new HourglassCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, rejected) -> {
            err.println("hourglass: " + e.getMessage() + " (see 'hourglass "
                    + commandPath(e.getCommandLine()) + "--help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof ConfigException || e instanceof StartupException || e instanceof UsageError) {
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

    /** A command was used wrongly in a way only known after parsing (a duplicate token name). */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
