package io.hourglass.server;

import io.hourglass.jdbc.JdbcStore;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.store.Store;

/**
 * Opens the store the settings ask for: the embedded H2 file under the data directory
 * ({@link JdbcStore#embedded}), or a database URL. The embedded store has H2's own JVM shutdown hook turned off
 * ({@code DB_CLOSE_ON_EXIT=FALSE}): on SIGTERM that hook would close the database while our graceful shutdown is
 * still writing the results of running jobs; the server closes the store itself, last. Migrations run when the
 * engine starts.
 */
final class StoreFactory {
    private StoreFactory() {
    }

    static Store open(ServerConfig config) {
        try {
            if (config.embedded()) {
                return JdbcStore.embedded(config.dataDir().toAbsolutePath().normalize());
            }
            return JdbcStore.connect(config.databaseUrl(), config.databaseUser(), config.databasePassword());
        } catch (RuntimeException e) {
            throw new StartupException("cannot use the database (" + config.describeDatabase() + "): "
                    + StartupException.rootMessage(e), e);
        }
    }
}
