package io.hourglass.server.cli;

import io.hourglass.server.config.Setting;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options of {@code hourglass server}, generated from the {@link Setting} table: one option per row, its help
 * saying the row's environment variable, YAML key and default. Picocli runs this once the command's spec is built
 * from its annotations ({@code @Command(modelTransformer = ...)}), so {@code --help}, parsing and "did you mean"
 * see the generated options as if they were declared.
 *
 * <p>No option carries a picocli default: an option not given must stay absent, so the environment, the file
 * and then the table's default can apply in that order. The default shown in the help is the table's.
 */
final class ServerOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        for (Setting setting : Setting.values()) {
            spec.addOption(OptionSpec.builder(setting.option()).type(String.class)
                    .paramLabel(setting.paramLabel()).description(help(setting)).build());
        }
        return spec;
    }

    /** The row's help, then where else it can be set and its default. */
    static String help(Setting setting) {
        String fallback = setting.defaultValue() == null ? "" : "; default " + setting.defaultValue();
        return setting.help() + " (env " + setting.env() + ", YAML " + setting.yamlKey() + fallback + ")";
    }

    /** The settings given on this command line, by their generated options. */
    static Map<Setting, String> given(CommandSpec spec) {
        Map<Setting, String> given = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            String value = spec.findOption(setting.option()).getValue();
            if (value != null) {
                given.put(setting, value);
            }
        }
        return given;
    }
}
