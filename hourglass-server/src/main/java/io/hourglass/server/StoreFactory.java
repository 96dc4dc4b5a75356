package io.hourglass.server;

import io.hourglass.jdbc.JdbcStore;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the store the settings ask for: the embedded H2 file under the data directory, or a database URL. The
 * embedded URL turns off H2's own JVM shutdown hook ({@code DB_CLOSE_ON_EXIT=FALSE}): on SIGTERM that hook would
 * close the database while our graceful shutdown is still writing the results of running jobs; we close the
 * store ourselves, last. Migrations run when the engine starts.
 */
final class StoreFactory {
    static final String EMBEDDED_FILE = "hourglass";

    private StoreFactory() {
    }

    static Store open(ServerConfig config) {
        try {
            if (config.embedded()) {
                Path dir = config.dataDir().toAbsolutePath().normalize();
                Files.createDirectories(dir);
                return JdbcStore.connect("jdbc:h2:file:" + dir.resolve(EMBEDDED_FILE) + ";DB_CLOSE_ON_EXIT=FALSE",
                        "sa", "");
            }
            return JdbcStore.connect(config.databaseUrl(), config.databaseUser(), config.databasePassword());
        } catch (IOException | RuntimeException e) {
            throw new StartupException("cannot use the database (" + config.describeDatabase() + "): "
                    + StartupException.rootMessage(e), e);
        }
    }
}
