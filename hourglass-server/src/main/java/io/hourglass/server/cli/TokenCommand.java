package io.hourglass.server.cli;

import io.hourglass.server.auth.Role;
import io.hourglass.server.auth.TokenStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code hourglass token create|list|revoke}: manages API tokens in the data directory's token file. A running
 * server picks changes up without a restart. The token is printed once, on creation; only its hash is kept.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {
    @Option(names = "--data-dir", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "the server's data directory (env HOURGLASS_DATA_DIR, default ./data)")
    Path dataDir;

    TokenStore store() {
        Path dir = dataDir;
        if (dir == null) {
            String env = System.getenv("HOURGLASS_DATA_DIR");
            dir = Path.of(env == null || env.isBlank() ? "./data" : env);
        }
        return new TokenStore(dir, Clock.systemUTC());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token and print it once.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "read, write or admin")
        String role;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "who or what uses it, e.g. ci")
        String name;

        @Override
        public Integer call() {
            Role parsed;
            try {
                parsed = Role.fromWireName(role);
            } catch (IllegalArgumentException e) {
                throw new HourglassCommand.UsageError("--role: " + e.getMessage());
            }
            String token;
            try {
                token = parent.store().create(name, parsed);
            } catch (IllegalArgumentException e) {
                throw new HourglassCommand.UsageError("--name: " + e.getMessage());
            }
            spec.commandLine().getOut().println(token);
            spec.commandLine().getErr().println("token '" + name + "' (" + parsed.wireName()
                    + ") created; it is shown only now");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (names and roles only).")
    static final class ListTokens implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            for (TokenStore.Entry entry : parent.store().entries()) {
                spec.commandLine().getOut().printf("%-30s %-6s %s%n", entry.name(), entry.role(), entry.createdAt());
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by name.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        TokenCommand parent;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the name of the token to revoke")
        String name;

        @Override
        public Integer call() {
            if (!parent.store().revoke(name)) {
                throw new HourglassCommand.UsageError("no token named '" + name + "'");
            }
            spec.commandLine().getErr().println("token '" + name + "' revoked");
            return 0;
        }
    }
}
