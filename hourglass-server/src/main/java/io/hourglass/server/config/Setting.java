package io.hourglass.server.config;

/**
 * Every server setting, with the three names it goes by and its default. One table, so the command line, the
 * environment, the YAML file and the docs cannot disagree about what a setting is called.
 *
 * <p>Precedence: command-line option, then environment variable, then YAML file, then default.
 */
public enum Setting {
    PORT("--port", "HOURGLASS_PORT", "port", "8080"),
    BIND("--bind", "HOURGLASS_BIND", "bind", "127.0.0.1"),
    DATA_DIR("--data-dir", "HOURGLASS_DATA_DIR", "dataDir", "./data"),
    DATABASE_URL("--database-url", "HOURGLASS_DATABASE_URL", "database.url", null),
    DATABASE_USER("--database-user", "HOURGLASS_DATABASE_USER", "database.user", null),
    DATABASE_PASSWORD("--database-password", "HOURGLASS_DATABASE_PASSWORD", "database.password", null),
    LOG_LEVEL("--log-level", "HOURGLASS_LOG_LEVEL", "logLevel", "INFO"),
    ZONE("--zone", "HOURGLASS_ZONE", "zone", "UTC"),
    NODE_NAME("--node-name", "HOURGLASS_NODE_NAME", "nodeName", null),
    WORKER_THREADS("--worker-threads", "HOURGLASS_WORKER_THREADS", "workerThreads", "8"),
    SHUTDOWN_GRACE("--shutdown-grace", "HOURGLASS_SHUTDOWN_GRACE", "shutdownGrace", "30s"),
    WORKER_LEASE("--worker-lease", "HOURGLASS_WORKER_LEASE", "workerLease", "60s"),
    CONTAINER_ENGINE("--container-engine", "HOURGLASS_CONTAINER_ENGINE", "containerEngine", null),
    CONTAINER_IMAGES("--container-images", "HOURGLASS_CONTAINER_IMAGES", "containerImages", null),
    CONTAINER_COMMAND("--container-command", "HOURGLASS_CONTAINER_COMMAND", "containerCommand", null),
    EXECUTORS("--executors", "HOURGLASS_EXECUTORS", "executors", "webhook,celery"),
    SHELL_ALLOW("--shell-allow", "HOURGLASS_SHELL_ALLOW", "shellAllow", null),
    COMPAT_ACCESS("--compat-access", "HOURGLASS_COMPAT_ACCESS", "compatAccess", null),
    CONSOLE_PATH("--console-path", "HOURGLASS_CONSOLE_PATH", "consolePath", "/console");

    private final String option;
    private final String env;
    private final String yamlKey;
    private final String defaultValue;

    Setting(String option, String env, String yamlKey, String defaultValue) {
        this.option = option;
        this.env = env;
        this.yamlKey = yamlKey;
        this.defaultValue = defaultValue;
    }

    public String option() {
        return option;
    }

    public String env() {
        return env;
    }

    /** The key in the YAML file; a dot means nesting ({@code database.url} is {@code url} under {@code database}). */
    public String yamlKey() {
        return yamlKey;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** How error messages name the setting: all three spellings, so the user finds it whichever they used. */
    public String label() {
        return option + " / " + env + " / " + yamlKey;
    }

    /** Secrets are never logged or echoed back in error messages. */
    public boolean isSecret() {
        return this == DATABASE_PASSWORD;
    }

    /** Settings a YAML file may give as a list (joined with commas, like the option's value). */
    boolean isList() {
        return this == CONTAINER_IMAGES || this == CONTAINER_COMMAND || this == EXECUTORS || this == SHELL_ALLOW;
    }
}
