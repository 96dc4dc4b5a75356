package io.hourglass.server.config;

import io.hourglass.executor.Secrets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The server's secrets for task definitions: each environment variable {@code HOURGLASS_SECRET_<NAME>} is the
 * secret {@code NAME}, which a definition refers to as {@code ${secret:NAME}}. Only variables with that prefix are
 * reachable, so a definition cannot read the server's other environment (database passwords, cloud keys).
 */
public final class EnvironmentSecrets {
    public static final String PREFIX = "HOURGLASS_SECRET_";

    private final Map<String, String> values;

    private EnvironmentSecrets(Map<String, String> values) {
        this.values = values;
    }

    public static EnvironmentSecrets from(Map<String, String> env) {
        Map<String, String> values = new TreeMap<>();
        env.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && key.length() > PREFIX.length()) {
                values.put(key.substring(PREFIX.length()), value);
            }
        });
        return new EnvironmentSecrets(Map.copyOf(values));
    }

    public Secrets secrets() {
        return Secrets.of(values);
    }

    /** The secrets' names, for the startup log; never their values. */
    public Set<String> names() {
        return new java.util.TreeSet<>(values.keySet());
    }
}
