package io.hourglass.server.console;

import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;

/** The schedule editor's contract on the embedded H2 store. */
class ScheduleEditorOnH2Test extends ScheduleEditorContract {
    @Override
    ServerConfig config(Path dataDir) {
        return ServerConfig.forTests(dataDir);
    }
}
