package io.hourglass.server.console;

import io.hourglass.server.PostgresDatabases;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;

/** The schedule editor's contract on PostgreSQL (a database of its own, recreated per run). */
class ScheduleEditorOnPostgresTest extends ScheduleEditorContract {
    @Override
    protected ServerConfig config(Path dataDir) {
        return ServerConfig.forTests(dataDir).withDatabase(PostgresDatabases.recreate("hourglass_schedules_editor",
                5432), "postgres", null);
    }
}
