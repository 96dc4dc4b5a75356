package io.hourglass.server.console;

import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;

/** The console's matrix, outcome-rule and expiry pages on the embedded H2 store. */
class MatrixConsoleOnH2Test extends MatrixConsoleContract {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.forTests(dataDir);
    }
}
