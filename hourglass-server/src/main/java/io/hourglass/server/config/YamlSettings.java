package io.hourglass.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads the settings a YAML file gives, by each {@link Setting}'s YAML key. Strict: an unknown key is an error,
 * so a typo never silently falls back to a default; a list is accepted only where the setting takes one.
 */
final class YamlSettings {
    private YamlSettings() {
    }

    static Map<Setting, String> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " (--config / " + ServerConfigLoader.CONFIG_ENV
                    + "): cannot read it: " + firstLine(e.getMessage()));
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

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
