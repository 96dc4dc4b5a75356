package io.hourglass.server.console;

import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;

/** The console's feed pages on the embedded H2 store. */
class FeedConsoleOnH2Test extends FeedConsoleContract {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.forTests(dataDir);
    }
}
