package io.hourglass.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.server.auth.CompatAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        ServerConfig c = ServerConfigLoader.load(Map.of(), null, Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.embedded()).isTrue();
        assertThat(c.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(c.logLevel()).isEqualTo("INFO");
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void optionBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        Path yaml = dir.resolve("hourglass.yaml");
        Files.writeString(yaml, "port: 7000\nbind: 127.0.0.2\nzone: Europe/Amsterdam\nlogLevel: debug\n"
                + "database:\n  url: jdbc:postgresql://db/test\n  user: app\ncontainerImages: [alpine, busybox]\n");
        ServerConfig c = ServerConfigLoader.load(Map.of(Setting.PORT, "9000"), null,
                Map.of("HOURGLASS_PORT", "9100", "HOURGLASS_BIND", "localhost", "HOURGLASS_CONFIG", yaml.toString()));
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.bind()).isEqualTo("localhost");
        assertThat(c.zone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
        assertThat(c.logLevel()).isEqualTo("DEBUG");
        assertThat(c.databaseUrl()).isEqualTo("jdbc:postgresql://db/test");
        assertThat(c.databaseUser()).isEqualTo("app");
        assertThat(c.containerImages()).isEqualTo(List.of("alpine", "busybox"));
        assertThat(c.workerThreads()).isEqualTo(8);
    }

    @Test
    void containerCommandIsAJsonArrayFromEnvironmentOrAYamlList() throws IOException {
        ServerConfig fromEnv = ServerConfigLoader.load(Map.of(), null,
                Map.of("HOURGLASS_CONTAINER_COMMAND", "[\"sh\", \"-c\", \"echo hi; sleep 2\"]"));
        assertThat(fromEnv.containerCommand()).containsExactly("sh", "-c", "echo hi; sleep 2");
        Path yaml = dir.resolve("command.yaml");
        Files.writeString(yaml, "containerCommand: [sleep, \"2\"]\n");
        assertThat(ServerConfigLoader.load(Map.of(), yaml, Map.of()).containerCommand()).containsExactly("sleep", "2");
        assertThat(ServerConfigLoader.load(Map.of(), null, Map.of()).containerCommand()).isEmpty();
    }

    @Test
    void consolePathIsConfigurableByOptionEnvironmentOrFileAndMustBeAPath() throws IOException {
        assertThat(ServerConfigLoader.load(Map.of(), null, Map.of()).consolePath()).isEqualTo("/console");
        assertThat(ServerConfigLoader.load(Map.of(Setting.CONSOLE_PATH, "/ops/hg"), null, Map.of()).consolePath())
                .isEqualTo("/ops/hg");
        assertThat(ServerConfigLoader.load(Map.of(), null, Map.of("HOURGLASS_CONSOLE_PATH", "/admin")).consolePath())
                .isEqualTo("/admin");
        Path yaml = dir.resolve("console.yaml");
        Files.writeString(yaml, "consolePath: /dash\n");
        assertThat(ServerConfigLoader.load(Map.of(), yaml, Map.of()).consolePath()).isEqualTo("/dash");
        for (String bad : new String[] {"console", "/console/", "/", "/api/v1/x", "/a b"}) {
            assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(Setting.CONSOLE_PATH, bad), null, Map.of()))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("--console-path");
        }
    }

    @Test
    void compatAccessIsOpenOrTokenAndUnsetMeansByTheBindAddress() {
        assertThat(ServerConfigLoader.load(Map.of(), null, Map.of()).compatAccess()).isNull();
        assertThat(ServerConfigLoader.load(Map.of(Setting.COMPAT_ACCESS, "token"), null, Map.of()).compatAccess())
                .isEqualTo(CompatAccess.TOKEN);
        assertThat(ServerConfigLoader.load(Map.of(), null, Map.of("HOURGLASS_COMPAT_ACCESS", "Open")).compatAccess())
                .isEqualTo(CompatAccess.OPEN);
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(Setting.COMPAT_ACCESS, "loopback"), null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--compat-access / HOURGLASS_COMPAT_ACCESS / compatAccess")
                .hasMessageContaining("must be open (no token) or token");
    }

    @Test
    void containerCommandThatIsNotAnArrayOfStringsIsRefused() {
        for (String bad : List.of("sleep 2", "[]", "[\"sleep\", 2]", "{\"cmd\": \"sleep\"}", "[\"\"]")) {
            assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(Setting.CONTAINER_COMMAND, bad), null, Map.of()))
                    .as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("--container-command / HOURGLASS_CONTAINER_COMMAND / containerCommand")
                    .hasMessageContaining("JSON array of strings");
        }
    }

    @Test
    void webhookAndCeleryAreOfferedByDefaultAndShellOnlyWithAnAllowList() throws IOException {
        ServerConfig defaults = ServerConfigLoader.load(Map.of(), null, Map.of());
        assertThat(defaults.executors()).containsExactly("webhook", "celery");
        assertThat(defaults.shellAllow()).isEmpty();
        assertThat(defaults.containerTasksEnabled()).isFalse();
        assertThat(ServerConfigLoader.load(Map.of(Setting.EXECUTORS, "none"), null, Map.of()).executors()).isEmpty();
        assertThat(ServerConfigLoader.load(Map.of(), null, Map.of("HOURGLASS_EXECUTORS", " Webhook ")).executors())
                .containsExactly("webhook");
        ServerConfig shell = ServerConfigLoader.load(Map.of(), null,
                Map.of("HOURGLASS_SHELL_ALLOW", "/bin/echo, /bin/true"));
        assertThat(shell.shellAllow()).containsExactly("/bin/echo", "/bin/true");
        Path yaml = dir.resolve("executors.yaml");
        Files.writeString(yaml, "executors: [celery]\nshellAllow: [/bin/echo]\ncontainerEngine: tcp://127.0.0.1:1\n"
                + "containerImages: [alpine:*]\n");
        ServerConfig fromFile = ServerConfigLoader.load(Map.of(), yaml, Map.of());
        assertThat(fromFile.executors()).containsExactly("celery");
        assertThat(fromFile.shellAllow()).containsExactly("/bin/echo");
        assertThat(fromFile.containerTasksEnabled()).isTrue();
    }

    @Test
    void executorsNamesOnlyTypesWithoutNodeLimits() {
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(Setting.EXECUTORS, "webhook,shell"), null, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--executors / HOURGLASS_EXECUTORS")
                .hasMessageContaining("--shell-allow / HOURGLASS_SHELL_ALLOW / shellAllow");
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(Setting.EXECUTORS, "container"), null, Map.of()))
                .hasMessageContaining("--container-engine");
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(Setting.EXECUTORS, "ftp"), null, Map.of()))
                .hasMessageContaining("[webhook, celery]").hasMessageContaining("'ftp'");
    }

    @Test
    void durationsAreReadLikeEverywhereElse() {
        ServerConfig c = ServerConfigLoader.load(Map.of(Setting.SHUTDOWN_GRACE, "1d", Setting.WORKER_LEASE, "PT90S"),
                null, Map.of());
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofDays(1));
        assertThat(c.workerLease()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void badPortNamesTheSettingAndTheRule() {
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(Setting.PORT, "eighty"), null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--port / HOURGLASS_PORT / port").hasMessageContaining("'eighty'");
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(), null, Map.of("HOURGLASS_PORT", "70000")))
                .hasMessageContaining("between 0 and 65535");
    }

    @Test
    void databaseUrlMustBePostgresqlOrH2() {
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(), null,
                Map.of("HOURGLASS_DATABASE_URL", "mysql://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HOURGLASS_DATABASE_URL")
                .hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void badZoneLevelAndDurationAreRefused() {
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(Setting.ZONE, "Mars/Olympus"), null, Map.of()))
                .hasMessageContaining("--zone").hasMessageContaining("IANA");
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(Setting.LOG_LEVEL, "loud"), null, Map.of()))
                .hasMessageContaining("--log-level");
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(Setting.SHUTDOWN_GRACE, "soon"), null, Map.of()))
                .hasMessageContaining("--shutdown-grace").hasMessageContaining("30s");
    }

    @Test
    void unknownYamlKeyIsAnErrorNotASilentDefault() throws IOException {
        Path yaml = dir.resolve("typo.yaml");
        Files.writeString(yaml, "prot: 9000\n");
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(), yaml, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown setting 'prot'");
        Files.writeString(yaml, "database:\n  uri: x\n");
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(), yaml, Map.of()))
                .hasMessageContaining("unknown setting 'database.uri'");
    }

    @Test
    void missingConfigFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(), missing, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void passwordIsNeverEchoed() {
        // a password is never invalid by format; check that labels of secrets hide values
        assertThat(Setting.DATABASE_PASSWORD.isSecret()).isTrue();
        ServerConfig c = ServerConfigLoader.load(Map.of(), null, Map.of("HOURGLASS_DATABASE_PASSWORD", "s3cret",
                "HOURGLASS_DATABASE_URL", "jdbc:postgresql://db/x"));
        assertThat(c.describeDatabase()).doesNotContain("s3cret");
    }
}
