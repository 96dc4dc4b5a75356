package io.hourglass.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line fails with one clear line and a meaningful exit code. */
class HourglassCommandTest {
    private static CliRun run(String... args) {
        return CliRun.of(null, args);
    }

    @Test
    void unknownOptionIsOneLineAndExitCode2() {
        CliRun r = run("server", "--prot", "9000");
        assertThat(r.exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("--prot").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void badSettingIsOneLineNamingItAndExitCode1() {
        CliRun r = run("server", "--port", "eighty");
        assertThat(r.exit()).isEqualTo(HourglassCommand.EXIT_FAILURE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("--port / HOURGLASS_PORT").doesNotContain("\tat ");
    }

    @Test
    void unreachableDatabaseIsOneLineAndExitCode1(@TempDir Path dir) {
        CliRun r = run("server", "--data-dir", dir.toString(), "--port", "0",
                "--database-url", "jdbc:postgresql://127.0.0.1:1/nowhere");
        assertThat(r.exit()).isEqualTo(HourglassCommand.EXIT_FAILURE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("cannot use the database").contains("127.0.0.1:1").doesNotContain("\tat ");
    }

    @Test
    void tokenCreatePrintsTheTokenOnceAndRefusesADuplicateName(@TempDir Path dir) {
        CliRun created = run("token", "create", "--role", "write", "--name", "ci", "--data-dir", dir.toString());
        assertThat(created.exit()).isZero();
        assertThat(created.out().trim()).startsWith("hg_").hasSizeGreaterThan(40);
        CliRun listed = run("token", "list", "--data-dir", dir.toString());
        assertThat(listed.out()).contains("ci").contains("write").doesNotContain(created.out().trim());
        CliRun duplicate = run("token", "create", "--role", "read", "--name", "ci", "--data-dir", dir.toString());
        assertThat(duplicate.exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(duplicate.err()).contains("'ci' already exists");
        CliRun badRole = run("token", "create", "--role", "root", "--name", "x", "--data-dir", dir.toString());
        assertThat(badRole.exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(badRole.err()).contains("--role");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun r = run();
        assertThat(r.exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(r.err()).contains("missing a command");
    }
}
