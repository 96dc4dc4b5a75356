package io.hourglass.server;

import io.hourglass.server.auth.Role;
import io.hourglass.server.auth.TokenStore;
import io.hourglass.server.config.EnvironmentSecrets;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server for one test class, with a token per role made before it starts (so it enforces them from the
 * first request): {@link #reader}, {@link #writer}, {@link #admin}. On embedded H2 unless the class names another
 * store ({@link #config}): a contract's H2 and PostgreSQL subclasses differ only there. One instance per class, so
 * the server's configuration can be a method a subclass overrides; the fields stay static for static helpers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerWithRoles {
    @TempDir
    protected static Path dataDir;
    protected static TestServer server;
    protected static String reader;
    protected static String writer;
    protected static String admin;

    /** The server's configuration: the store under test (embedded H2 here). */
    protected ServerConfig config(Path dataDir) {
        return ServerConfig.forTests(dataDir);
    }

    /** The secrets the server resolves instead of the test JVM's environment (none here). */
    protected EnvironmentSecrets secrets() {
        return EnvironmentSecrets.from(Map.of());
    }

    @BeforeAll
    void startWithRoles() {
        TokenStore tokens = new TokenStore(dataDir, Clock.systemUTC());
        reader = tokens.create("reader", Role.READ);
        writer = tokens.create("writer", Role.WRITE);
        admin = tokens.create("admin", Role.ADMIN);
        server = TestServer.start(config(dataDir), secrets());
    }

    @AfterAll
    void stopWithRoles() {
        server.close();
    }
}
