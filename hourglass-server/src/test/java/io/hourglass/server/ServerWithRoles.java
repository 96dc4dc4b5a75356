package io.hourglass.server;

import io.hourglass.server.auth.Role;
import io.hourglass.server.auth.TokenStore;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server on embedded H2 for one test class, with a token per role made before it starts (so it enforces
 * them from the first request): {@link #reader}, {@link #writer}, {@link #admin}.
 */
public abstract class ServerWithRoles {
    @TempDir
    protected static Path dataDir;
    protected static TestServer server;
    protected static String reader;
    protected static String writer;
    protected static String admin;

    @BeforeAll
    static void startWithRoles() {
        TokenStore tokens = new TokenStore(dataDir, Clock.systemUTC());
        reader = tokens.create("reader", Role.READ);
        writer = tokens.create("writer", Role.WRITE);
        admin = tokens.create("admin", Role.ADMIN);
        server = TestServer.start(ServerConfig.forTests(dataDir));
    }

    @AfterAll
    static void stopWithRoles() {
        server.close();
    }
}
