package io.hourglass.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The settings table of the server's README is the {@link Setting} table: one row per setting, in its order, with
 * its option, variable, YAML key and default, so the docs (which docs/deploy.md points to) cannot drift.
 */
class SettingsDocTest {
    private static final Path README = Path.of("README.md");

    @Test
    void theReadmeTableHasARowPerSettingWithItsNamesAndDefault() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("| `--")) {
                String[] cells = line.substring(1).split(" \\| ", 4);
                rows.add(cells);
            }
        }
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            expected.add("`" + setting.option() + "` | `" + setting.env() + "` | `" + setting.yamlKey() + "`");
        }
        for (String[] cells : rows) {
            actual.add(cells[0].strip() + " | " + cells[1].strip() + " | " + cells[2].strip());
        }
        assertThat(actual).as("rows of the settings table in hourglass-server/README.md")
                .containsExactlyElementsOf(expected);
        for (int i = 0; i < rows.size(); i++) {
            Setting setting = Setting.values()[i];
            String shown = rows.get(i)[3].replace("`", "");
            if (setting.defaultValue() != null) {
                assertThat(shown).as(setting.option()).startsWith(setting.defaultValue());
            }
        }
    }
}
