package io.hourglass.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hourglass.internal.Durations;
import io.hourglass.server.auth.CompatAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns command-line options, environment variables and an optional YAML file into a {@link ServerConfig}.
 * Each setting is looked up option first, then environment, then file, then default ({@link Setting}); then every
 * value is parsed and checked, and the first bad one stops everything with a {@link ConfigException} that names it.
 * The YAML file is strict: an unknown key is an error, so a typo never silently falls back to a default.
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
        Path file = configFile != null ? configFile : blankToNull(env.get(CONFIG_ENV)) == null ? null
                : Path.of(env.get(CONFIG_ENV));
        Map<Setting, String> fromFile = file == null ? Map.of() : readYaml(file);
        Map<Setting, String> raw = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String value = blankToNull(options.get(setting));
            if (value == null) {
                value = blankToNull(env.get(setting.env()));
            }
            if (value == null) {
                value = fromFile.get(setting);
            }
            if (value == null) {
                value = setting.defaultValue();
            }
            if (value != null) {
                raw.put(setting, value.trim());
            }
        }
        return parse(raw);
    }

    private static ServerConfig parse(Map<Setting, String> raw) {
        int port = intIn(raw, Setting.PORT, 0, 65535);
        String bind = raw.get(Setting.BIND);
        require(bind.matches("[A-Za-z0-9.:\\-\\[\\]]+"), Setting.BIND, bind, "must be a host name or IP address");
        String url = raw.get(Setting.DATABASE_URL);
        require(url == null || url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:"), Setting.DATABASE_URL,
                url, "must be a jdbc:postgresql: URL (or jdbc:h2:); leave it unset for the embedded database");
        String level = raw.get(Setting.LOG_LEVEL).toUpperCase(Locale.ROOT);
        require(LOG_LEVELS.contains(level), Setting.LOG_LEVEL, level, "must be one of " + LOG_LEVELS);
        ZoneId zone;
        try {
            zone = ZoneId.of(raw.get(Setting.ZONE));
        } catch (RuntimeException e) {
            throw bad(Setting.ZONE, raw.get(Setting.ZONE), "must be an IANA time zone such as UTC or Europe/Amsterdam");
        }
        String engine = raw.get(Setting.CONTAINER_ENGINE);
        require(engine == null || engine.startsWith("unix:///") || engine.startsWith("tcp://"),
                Setting.CONTAINER_ENGINE, engine, "must be unix:///path/to/socket or tcp://host:port");
        return new ServerConfig(port, bind, Path.of(raw.get(Setting.DATA_DIR)), url, raw.get(Setting.DATABASE_USER),
                raw.get(Setting.DATABASE_PASSWORD), level, zone, raw.get(Setting.NODE_NAME),
                intIn(raw, Setting.WORKER_THREADS, 1, 1024), duration(raw, Setting.SHUTDOWN_GRACE),
                duration(raw, Setting.WORKER_LEASE), engine, list(raw.get(Setting.CONTAINER_IMAGES)),
                command(raw.get(Setting.CONTAINER_COMMAND)), executors(raw.get(Setting.EXECUTORS)),
                list(raw.get(Setting.SHELL_ALLOW)), compatAccess(raw.get(Setting.COMPAT_ACCESS)),
                consolePath(raw.get(Setting.CONSOLE_PATH)));
    }

    /** One or more path segments of letters, digits, dots, dashes and underscores: {@code /console}, {@code /ops/hg}. */
    private static String consolePath(String value) {
        String path = value.trim();
        require(path.matches("(/[A-Za-z0-9._-]+)+") && !path.startsWith("/api/"), Setting.CONSOLE_PATH, value,
                "must be a path such as /console (segments of letters, digits, '.', '_' and '-', no trailing slash,"
                        + " not under /api/)");
        return path;
    }

    private static CompatAccess compatAccess(String value) {
        try {
            return value == null ? null : CompatAccess.fromWireName(value.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(Setting.COMPAT_ACCESS, value, "must be open (no token) or token (an API token with the read or"
                    + " write role); unset: open when bound to loopback, token otherwise");
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
    private static List<String> executors(String value) {
        List<String> names = list(value.toLowerCase(Locale.ROOT));
        if (names.equals(List.of("none"))) {
            return List.of();
        }
        for (String name : names) {
            require(!name.equals("shell"), Setting.EXECUTORS, value, "cannot name shell: it is enabled by "
                    + Setting.SHELL_ALLOW.label() + " (the executables shell tasks may run)");
            require(!name.equals("container"), Setting.EXECUTORS, value, "cannot name container: it is enabled by "
                    + Setting.CONTAINER_ENGINE.label() + " with " + Setting.CONTAINER_IMAGES.label());
            require(ServerConfig.UNLIMITED_EXECUTORS.contains(name), Setting.EXECUTORS, value,
                    "must list executor types among " + ServerConfig.UNLIMITED_EXECUTORS + ", or be none");
        }
        return names.stream().distinct().toList();
    }

    /** A JSON array of strings (argv, no shell), e.g. {@code ["sleep", "2"]}; absent means no command. */
    private static List<String> command(String value) {
        if (value == null) {
            return List.of();
        }
        String rule = "must be a non-empty JSON array of strings, e.g. [\"sleep\", \"2\"]";
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw bad(Setting.CONTAINER_COMMAND, value, rule);
        }
        require(node != null && node.isArray() && !node.isEmpty(), Setting.CONTAINER_COMMAND, value, rule);
        List<String> argv = new ArrayList<>();
        for (JsonNode item : node) {
            require(item.isTextual() && !item.asText().isEmpty(), Setting.CONTAINER_COMMAND, value, rule);
            argv.add(item.asText());
        }
        return List.copyOf(argv);
    }

    private static Duration duration(Map<Setting, String> raw, Setting setting) {
        String value = raw.get(setting);
        Duration d;
        try {
            d = Durations.parse(value); // the one reading of durations, shared with the API
        } catch (RuntimeException e) {
            throw bad(setting, value, "must be a duration such as 30s, 500ms, 5m, 1d or PT30S");
        }
        require(!d.isNegative() && !d.isZero(), setting, value, "must be positive");
        return d;
    }

    private static int intIn(Map<Setting, String> raw, Setting setting, int min, int max) {
        String value = raw.get(setting);
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw bad(setting, value, "must be a whole number between " + min + " and " + max);
        }
        require(n >= min && n <= max, setting, value, "must be between " + min + " and " + max);
        return n;
    }

    private static Map<Setting, String> readYaml(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " (--config / " + CONFIG_ENV + "): cannot read it: "
                    + firstLine(e.getMessage()));
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return values;
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + ": must be a YAML mapping of settings");
        }
        Set<String> seen = new HashSet<>();
        for (Setting setting : Setting.values()) {
            JsonNode node = root;
            for (String part : setting.yamlKey().split("\\.")) {
                node = node.path(part);
            }
            if (!node.isMissingNode() && !node.isNull()) {
                boolean listAllowed = setting.isList();
                if (node.isContainerNode() && !(listAllowed && node.isArray())) {
                    throw new ConfigException("config file " + file + ": '" + setting.yamlKey()
                            + "' must be a single value" + (listAllowed ? " or a list" : ""));
                }
                values.put(setting, setting == Setting.CONTAINER_COMMAND && node.isArray() ? node.toString()
                        : node.isArray() ? joined(node) : node.asText());
            }
            seen.add(setting.yamlKey());
        }
        rejectUnknownKeys(file, root, "", seen);
        return values;
    }

    private static void rejectUnknownKeys(Path file, JsonNode node, String prefix, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = prefix + names.next();
            boolean isParent = known.stream().anyMatch(k -> k.startsWith(key + "."));
            if (isParent) {
                rejectUnknownKeys(file, node.get(key.substring(prefix.length())), key + ".", known);
            } else if (!known.contains(key)) {
                throw new ConfigException("config file " + file + ": unknown setting '" + key + "' (known: "
                        + known.stream().sorted().toList() + ")");
            }
        }
    }

    private static String joined(JsonNode array) {
        StringBuilder b = new StringBuilder();
        array.forEach(item -> b.append(b.length() == 0 ? "" : ",").append(item.asText()));
        return b.toString();
    }

    private static void require(boolean ok, Setting setting, String value, String rule) {
        if (!ok) {
            throw bad(setting, value, rule);
        }
    }

    private static ConfigException bad(Setting setting, String value, String rule) {
        String shown = setting.isSecret() ? "(hidden)" : "'" + value + "'";
        return new ConfigException("setting " + setting.label() + " " + rule + ", was " + shown);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
