package io.hourglass.server.config;

import io.hourglass.internal.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The value of each {@link Setting} after precedence (option, environment, YAML file, default), with where it came
 * from, and the rules that read them: the step between the sources and the typed {@link ServerConfig}. Every
 * refusal is a {@link ConfigException} naming the setting by all three of its names, the rule, the value (never a
 * secret's) and the source that gave it, so an operator knows which of the three to fix.
 */
public final class SettingValues {
    /** Where a value came from. */
    enum Source { OPTION, ENVIRONMENT, FILE, DEFAULT }

    private record Given(String value, Source source) {
    }

    private final Map<Setting, Given> values;
    private final Path file;

    private SettingValues(Map<Setting, Given> values, Path file) {
        this.values = values;
        this.file = file;
    }

    /** Each setting from the first source that gives a non-blank value, trimmed; absent when none does. */
    static SettingValues resolve(Map<Setting, String> options, Map<String, String> env, Map<Setting, String> fromFile,
                                 Path file) {
        Map<Setting, Given> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            Given given = given(options.get(setting), Source.OPTION);
            if (given == null) {
                given = given(env.get(setting.env()), Source.ENVIRONMENT);
            }
            if (given == null) {
                given = given(fromFile.get(setting), Source.FILE);
            }
            if (given == null) {
                given = given(setting.defaultValue(), Source.DEFAULT);
            }
            if (given != null) {
                values.put(setting, given);
            }
        }
        return new SettingValues(values, file);
    }

    private static Given given(String value, Source source) {
        return value == null || value.isBlank() ? null : new Given(value.trim(), source);
    }

    /** The value, or null when no source gives one and the setting has no default. */
    String get(Setting setting) {
        Given given = values.get(setting);
        return given == null ? null : given.value();
    }

    /**
     * Every setting as the server runs with it, for the start-up log: {@code --port=8080 (default)}, secrets
     * masked ({@link Setting#shown}), the source as the name it was given under.
     */
    public String describe() {
        StringJoiner line = new StringJoiner(", ");
        for (Setting setting : Setting.values()) {
            Given given = values.get(setting);
            if (given == null) {
                line.add(setting.option() + " unset");
            } else {
                line.add(setting.option() + "=" + setting.shown(given.value()) + " ("
                        + sourceName(setting, given.source()) + ")");
            }
        }
        return line.toString();
    }

    private String sourceName(Setting setting, Source source) {
        return switch (source) {
            case OPTION -> "option";
            case ENVIRONMENT -> setting.env();
            case FILE -> setting.yamlKey() + " in " + file;
            case DEFAULT -> "default";
        };
    }

    /** A duration ("30s", "500ms", "5m", "1d", ISO-8601) longer than zero. */
    Duration positiveDuration(Setting setting) {
        Duration d = duration(setting);
        require(!d.isNegative() && !d.isZero(), setting, get(setting), "must be positive");
        return d;
    }

    /** A duration of at least {@code min}. */
    Duration durationAtLeast(Setting setting, Duration min) {
        Duration d = duration(setting);
        require(d.compareTo(min) >= 0, setting, get(setting), "must be at least " + Durations.format(min));
        return d;
    }

    private Duration duration(Setting setting) {
        String value = get(setting);
        try {
            return Durations.parse(value); // the one reading of durations, shared with the API
        } catch (RuntimeException e) {
            throw bad(setting, value, "must be a duration such as 30s, 500ms, 5m, 1d or PT30S ("
                    + Durations.RANGE + ")");
        }
    }

    /** A whole number from {@code min} to {@code max}. */
    int intIn(Setting setting, int min, int max) {
        String value = get(setting);
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw bad(setting, value, "must be a whole number between " + min + " and " + max);
        }
        require(n >= min && n <= max, setting, value, "must be between " + min + " and " + max);
        return n;
    }

    void require(boolean ok, Setting setting, String value, String rule) {
        if (!ok) {
            throw bad(setting, value, rule);
        }
    }

    /** The refusal of {@code value} (as read, e.g. upper-cased) of {@code setting}, naming where it came from. */
    ConfigException bad(Setting setting, String value, String rule) {
        String shown = setting.isSecret() ? "(hidden)" : "'" + setting.shown(value) + "'";
        Given given = values.get(setting);
        String from = given == null ? "" : given.source() == Source.OPTION ? " (from " + setting.option() + ")"
                : given.source() == Source.DEFAULT ? " (the default)"
                : " (from " + sourceName(setting, given.source()) + ")";
        return new ConfigException("setting " + setting.label() + " " + rule + ", was " + shown + from);
    }
}
