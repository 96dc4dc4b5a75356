package io.hourglass.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the start-up log says of the settings: each value with its source, secrets masked. */
class SettingValuesTest {
    @Test
    void describeShowsEachValueWithItsSourceAndMasksSecrets(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hourglass.yaml");
        Files.writeString(file, "prefetch: 7\n");
        SettingValues values = ServerConfigLoader.resolve(Map.of(Setting.PORT, "9000"), file, Map.of(
                "HOURGLASS_DATABASE_URL", "jdbc:postgresql://db/app?user=app&password=hunter2",
                "HOURGLASS_DATABASE_PASSWORD", "s3cret"));

        String line = values.describe();

        assertThat(line).startsWith("--port=9000 (option), --bind=127.0.0.1 (default), ")
                .contains("--database-url=jdbc:postgresql://db/app?user=app&password=*** (HOURGLASS_DATABASE_URL)")
                .contains("--database-password=*** (HOURGLASS_DATABASE_PASSWORD)")
                .contains("--prefetch=7 (prefetch in " + file + ")")
                .contains("--node-name unset")
                .doesNotContain("hunter2").doesNotContain("s3cret");
        for (Setting setting : Setting.values()) {
            assertThat(line).contains(setting.option());
        }
    }

    @Test
    void aRefusedDatabaseUrlIsEchoedWithItsPasswordMasked() {
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(), null,
                Map.of("HOURGLASS_DATABASE_URL", "mysql://db/app?password=hunter2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("was 'mysql://db/app?password=***' (from HOURGLASS_DATABASE_URL)")
                .hasMessageNotContaining("hunter2");
    }
}
