package io.hourglass.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.HourglassBuilder;
import io.hourglass.InvalidRequestException;
import io.hourglass.internal.Names;
import io.hourglass.server.auth.CompatAccess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns command-line options, environment variables and an optional YAML file into a {@link ServerConfig}.
 * Each setting is looked up option first, then environment, then file, then default ({@link SettingValues}); then
 * every value is parsed and checked, and the first bad one stops everything with a {@link ConfigException} that
 * names it. The YAML file is strict ({@link YamlSettings}); the engine's settings follow the builder's rules
 * ({@link EngineSettings}).
 */
public final class ServerConfigLoader {
    public static final String CONFIG_ENV = "HOURGLASS_CONFIG";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private ServerConfigLoader() {
    }

    /**
     * @param options    values given on the command line (absent keys were not given)
     * @param configFile the YAML file named by {@code --config}, or null to use {@code HOURGLASS_CONFIG} if set
     * @param env        the environment, usually {@code System.getenv()}
     */
    public static ServerConfig load(Map<Setting, String> options, Path configFile, Map<String, String> env) {
        return parse(resolve(options, configFile, env));
    }

    /** Each setting's value after precedence, with its source, before it is parsed (see {@link #parse}). */
    public static SettingValues resolve(Map<Setting, String> options, Path configFile, Map<String, String> env) {
        String named = env.get(CONFIG_ENV);
        Path file = configFile != null ? configFile : named == null || named.isBlank() ? null : Path.of(named.trim());
        Map<Setting, String> fromFile = file == null ? Map.of() : YamlSettings.read(file);
        return SettingValues.resolve(options, env, fromFile, file);
    }

    /** Parses and checks every value; the first bad one is a {@link ConfigException} naming it. */
    public static ServerConfig parse(SettingValues raw) {
        int port = raw.intIn(Setting.PORT, 0, 65535);
        String bind = raw.get(Setting.BIND);
        raw.require(bind.matches("[A-Za-z0-9.:\\-\\[\\]]+"), Setting.BIND, bind, "must be a host name or IP address");
        String url = raw.get(Setting.DATABASE_URL);
        raw.require(url == null || url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:"),
                Setting.DATABASE_URL, url,
                "must be a jdbc:postgresql: URL (or jdbc:h2:); leave it unset for the embedded database");
        String level = raw.get(Setting.LOG_LEVEL).toUpperCase(Locale.ROOT);
        raw.require(LOG_LEVELS.contains(level), Setting.LOG_LEVEL, level, "must be one of " + LOG_LEVELS);
        ZoneId zone;
        try {
            zone = ZoneId.of(raw.get(Setting.ZONE));
        } catch (RuntimeException e) {
            throw raw.bad(Setting.ZONE, raw.get(Setting.ZONE),
                    "must be an IANA time zone such as UTC or Europe/Amsterdam");
        }
        String engine = raw.get(Setting.CONTAINER_ENGINE);
        raw.require(engine == null || engine.startsWith("unix:///") || engine.startsWith("tcp://"),
                Setting.CONTAINER_ENGINE, engine, "must be unix:///path/to/socket or tcp://host:port");
        return new ServerConfig(port, bind, Path.of(raw.get(Setting.DATA_DIR)), url, raw.get(Setting.DATABASE_USER),
                raw.get(Setting.DATABASE_PASSWORD), level, zone, nodeName(raw),
                raw.intIn(Setting.WORKER_THREADS, 0, 10_000), raw.positiveDuration(Setting.SHUTDOWN_GRACE),
                raw.positiveDuration(Setting.WORKER_LEASE), engine, list(raw.get(Setting.CONTAINER_IMAGES)),
                command(raw), executors(raw), list(raw.get(Setting.SHELL_ALLOW)), compatAccess(raw),
                consolePath(raw), EngineSettings.read(raw));
    }

    /** The builder's rule for node names, under the setting's names. */
    private static String nodeName(SettingValues raw) {
        String name = raw.get(Setting.NODE_NAME);
        try {
            Names.optional("nodeName", name, HourglassBuilder.MAX_NODE_NAME_LENGTH);
        } catch (InvalidRequestException e) {
            throw raw.bad(Setting.NODE_NAME, name, e.rule());
        }
        return name;
    }

    /** One or more path segments of letters, digits, dots, dashes and underscores: {@code /console}, {@code /ops/hg}. */
    private static String consolePath(SettingValues raw) {
        String path = raw.get(Setting.CONSOLE_PATH);
        raw.require(path.matches("(/[A-Za-z0-9._-]+)+") && !path.startsWith("/api/"), Setting.CONSOLE_PATH, path,
                "must be a path such as /console (segments of letters, digits, '.', '_' and '-', no trailing slash,"
                        + " not under /api/)");
        return path;
    }

    private static CompatAccess compatAccess(SettingValues raw) {
        String value = raw.get(Setting.COMPAT_ACCESS);
        try {
            return value == null ? null : CompatAccess.fromWireName(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw raw.bad(Setting.COMPAT_ACCESS, value, "must be open (no token) or token (an API token with the"
                    + " read or write role); unset: open when bound to loopback, token otherwise");
        }
    }

    /** Comma-separated values, trimmed, empty ones dropped; absent means none. */
    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The executor types without node limits to offer defined tasks; {@code none} for neither. Shell and container
     * are refused here with the settings that enable them, so nobody believes listing them is enough.
     */
    private static List<String> executors(SettingValues raw) {
        String value = raw.get(Setting.EXECUTORS);
        List<String> names = list(value.toLowerCase(Locale.ROOT));
        if (names.equals(List.of("none"))) {
            return List.of();
        }
        for (String name : names) {
            raw.require(!name.equals("shell"), Setting.EXECUTORS, value, "cannot name shell: it is enabled by "
                    + Setting.SHELL_ALLOW.label() + " (the executables shell tasks may run)");
            raw.require(!name.equals("container"), Setting.EXECUTORS, value, "cannot name container: it is enabled"
                    + " by " + Setting.CONTAINER_ENGINE.label() + " with " + Setting.CONTAINER_IMAGES.label());
            raw.require(ServerConfig.UNLIMITED_EXECUTORS.contains(name), Setting.EXECUTORS, value,
                    "must list executor types among " + ServerConfig.UNLIMITED_EXECUTORS + ", or be none");
        }
        return names.stream().distinct().toList();
    }

    /** A JSON array of strings (argv, no shell), e.g. {@code ["sleep", "2"]}; absent means no command. */
    private static List<String> command(SettingValues raw) {
        String value = raw.get(Setting.CONTAINER_COMMAND);
        if (value == null) {
            return List.of();
        }
        String rule = "must be a non-empty JSON array of strings, e.g. [\"sleep\", \"2\"]";
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw raw.bad(Setting.CONTAINER_COMMAND, value, rule);
        }
        raw.require(node != null && node.isArray() && !node.isEmpty(), Setting.CONTAINER_COMMAND, value, rule);
        List<String> argv = new ArrayList<>();
        for (JsonNode item : node) {
            raw.require(item.isTextual() && !item.asText().isEmpty(), Setting.CONTAINER_COMMAND, value, rule);
            argv.add(item.asText());
        }
        return List.copyOf(argv);
    }
}
