package io.hourglass.server.config;

/** A setting has a value the server cannot use; the message names the setting, where it came from and the rule. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
