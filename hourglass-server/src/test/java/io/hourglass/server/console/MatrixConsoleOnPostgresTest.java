package io.hourglass.server.console;

import io.hourglass.server.PostgresDatabases;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;

/** The console's matrix, outcome-rule and expiry pages on PostgreSQL (a database of its own, recreated per run). */
class MatrixConsoleOnPostgresTest extends MatrixConsoleContract {
    @Override
    protected ServerConfig config(Path dataDir) {
        return ServerConfig.forTests(dataDir).withDatabase(PostgresDatabases.recreate("hourglass_grid_matrix",
                5432), "postgres", null);
    }
}
