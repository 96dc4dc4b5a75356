package io.hourglass.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ShellSettingsTest {

    @Test
    void disabledIsTheDefaultAndAllowsNothing() {
        assertThat(ShellSettings.disabled().enabled()).isFalse();
        assertThat(ShellSettings.disabled().allowed()).isEmpty();
    }

    @Test
    void enablingWithoutAnAllowListIsRefused() {
        assertThatThrownBy(() -> ShellSettings.builder().command("/bin/echo").build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("allow: enabling the shell executor requires an explicit allow-list of executables");
    }

    @Test
    void namesAreResolvedOnPathWhenBuilt() {
        ShellSettings settings = ShellSettings.builder().allow("sleep").command("sleep").build();

        Path resolved = settings.allowed().get("sleep");
        assertThat(resolved).isAbsolute();
        assertThat(resolved.getFileName()).hasToString("sleep");
        assertThat(settings.allowed()).containsEntry(resolved.toString(), resolved);
    }

    @Test
    void nameMissingFromPathIsRefused() {
        assertThatThrownBy(() -> ShellSettings.builder().allow("no-such-tool-anywhere").allowJobCommands(true).build())
                .hasMessageStartingWith("allow: 'no-such-tool-anywhere' was not found on PATH");
    }

    @Test
    void relativePathIsRefused() {
        assertThatThrownBy(() -> ShellSettings.builder().allow("bin/tool").allowJobCommands(true).build())
                .hasMessageContaining("must be an absolute path or a bare name");
    }

    @Test
    void commandOutsideTheAllowListIsRefused() {
        assertThatThrownBy(() -> ShellSettings.builder().allow("/bin/echo").command("/bin/sh", "-c", "x").build())
                .hasMessageStartingWith("command: executable '/bin/sh' is not in the allow-list");
    }

    @Test
    void settingsThatCouldRunNothingAreRefused() {
        assertThatThrownBy(() -> ShellSettings.builder().allow("/bin/echo").build())
                .hasMessageStartingWith("command:");
    }

    @Test
    void variablesThatChangeWhichCodeRunsCannotComeFromJobs() {
        assertThatThrownBy(() -> ShellSettings.builder().allow("/bin/echo").command("/bin/echo")
                .passEnv("LD_PRELOAD").build())
                .hasMessageContaining("'LD_PRELOAD' changes which code runs");
        assertThatThrownBy(() -> ShellSettings.builder().allow("/bin/echo").command("/bin/echo")
                .passEnv("PATH").build())
                .hasMessageStartingWith("passEnv:");
    }

    @Test
    void descriptionNamesVariablesButNotValues() {
        ShellSettings settings = ShellSettings.builder().allow("/bin/echo").command("/bin/echo")
                .environment("API_TOKEN", "sekrit").build();

        assertThat(settings.toString()).contains("API_TOKEN").doesNotContain("sekrit");
    }
}
