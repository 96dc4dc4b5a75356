package io.hourglass.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.config.Setting;
import org.junit.jupiter.api.Test;

/** {@code hourglass server --help} lists every setting of the table, with its variable, YAML key and default. */
class ServerHelpTest {
    @Test
    void helpListsEveryRowWithItsEnvironmentVariableYamlKeyAndDefault() {
        CliRun run = CliRun.of(null, "server", "--help");
        assertThat(run.exit()).isZero();
        String help = run.out().replaceAll("\\s+", ""); // picocli wraps lines, also after a '.' or ':'
        for (Setting setting : Setting.values()) {
            assertThat(help).as(setting.name())
                    .contains(setting.option() + "=" + setting.paramLabel())
                    .contains(ServerOptions.help(setting).replaceAll("\\s+", ""))
                    .contains("(env" + setting.env() + ",YAML" + setting.yamlKey());
            if (setting.defaultValue() != null) {
                assertThat(help).as(setting.name()).contains(";default" + setting.defaultValue() + ")");
            }
        }
        assertThat(help).contains("--config=FILE");
    }

    @Test
    void aGeneratedOptionIsParsedLikeADeclaredOne() {
        CliRun run = CliRun.of(null, "server", "--lease-duration", "10ms", "--port", "0");
        assertThat(run.exit()).isEqualTo(HourglassCommand.EXIT_FAILURE);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).isEqualTo("hourglass: setting --lease-duration / HOURGLASS_LEASE_DURATION /"
                + " leaseDuration must be at least 300ms, was '10ms' (from --lease-duration)" + System.lineSeparator());
        CliRun typo = CliRun.of(null, "server", "--lease-durration", "1m");
        assertThat(typo.exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(typo.err()).contains("--lease-durration");
    }
}
