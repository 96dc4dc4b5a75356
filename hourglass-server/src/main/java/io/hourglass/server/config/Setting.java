package io.hourglass.server.config;

import io.hourglass.HourglassBuilder;
import io.hourglass.internal.Durations;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every server setting, with the three names it goes by, its default and its help text. One table: the options of
 * {@code hourglass server} are generated from it ({@code cli.ServerOptions}), the loader reads each row from the
 * command line, the environment and the YAML file, and a test checks the settings table of the server's README
 * against it, so a new row is a new option, variable and key at once and none of them can disagree.
 *
 * <p>Precedence: command-line option, then environment variable, then YAML file, then default.
 *
 * <p>The engine's rows are named after the {@link HourglassBuilder} setting they feed ({@code --lease-duration} is
 * {@code leaseDuration}, {@link #forBuilderSetting}); {@code ServerConfig.applyTo} puts them on the builder, and
 * their defaults are the builder's {@code DEFAULT_*} constants.
 */
public enum Setting {
    PORT("--port", "HOURGLASS_PORT", "port", "8080", "PORT", "HTTP port (0 to 65535)"),
    BIND("--bind", "HOURGLASS_BIND", "bind", "127.0.0.1", "ADDRESS",
            "address to listen on; any but loopback needs an API token"),
    DATA_DIR("--data-dir", "HOURGLASS_DATA_DIR", "dataDir", "./data", "DIR",
            "the embedded H2 database and the token file tokens.json"),
    DATABASE_URL("--database-url", "HOURGLASS_DATABASE_URL", "database.url", null, "JDBC_URL",
            "jdbc:postgresql://... to use PostgreSQL; servers sharing one form a cluster; unset: embedded H2"),
    DATABASE_USER("--database-user", "HOURGLASS_DATABASE_USER", "database.user", null, "USER",
            "the database user"),
    DATABASE_PASSWORD("--database-password", "HOURGLASS_DATABASE_PASSWORD", "database.password", null, "PASSWORD",
            "the database password (prefer the environment variable: options show in process lists)"),
    LOG_LEVEL("--log-level", "HOURGLASS_LOG_LEVEL", "logLevel", "INFO", "LEVEL",
            "TRACE, DEBUG, INFO, WARN, ERROR or OFF"),
    ZONE("--zone", "HOURGLASS_ZONE", "zone", "UTC", "ZONE", "IANA time zone of the /jobs API's dates"),
    NODE_NAME("--node-name", "HOURGLASS_NODE_NAME", "nodeName", null, "NAME",
            "this node's name in the cluster, 1 to " + HourglassBuilder.MAX_NODE_NAME_LENGTH
                    + " characters; unset: host name and process id"),
    WORKER_THREADS("--worker-threads", "HOURGLASS_WORKER_THREADS", "workerThreads",
            String.valueOf(HourglassBuilder.DEFAULT_WORKER_THREADS), "N",
            "threads running jobs on this node, 0 to 10000 (0: a node that runs no work)"),
    SHUTDOWN_GRACE("--shutdown-grace", "HOURGLASS_SHUTDOWN_GRACE", "shutdownGrace", "30s", "DURATION",
            "how long running jobs may finish on shutdown"),
    WORKER_LEASE("--worker-lease", "HOURGLASS_WORKER_LEASE", "workerLease", "60s", "DURATION",
            "lease of a job popped by a remote worker that names none"),
    LEASE_DURATION("--lease-duration", "HOURGLASS_LEASE_DURATION", "leaseDuration",
            Durations.format(HourglassBuilder.DEFAULT_LEASE_DURATION), "DURATION",
            "how long a job this node claimed stays its own without a heartbeat; after that another node re-runs"
                    + " it (at least " + Durations.format(HourglassBuilder.MIN_LEASE_DURATION) + ")"),
    HEARTBEAT_INTERVAL("--heartbeat-interval", "HOURGLASS_HEARTBEAT_INTERVAL", "heartbeatInterval", null,
            "DURATION", "how often this node renews its leases, at least 10ms and at most half of --lease-duration;"
                    + " unset: a third of --lease-duration"),
    POLL_INTERVAL("--poll-interval", "HOURGLASS_POLL_INTERVAL", "pollInterval",
            Durations.format(HourglassBuilder.DEFAULT_POLL_INTERVAL), "DURATION",
            "the fallback poll for due jobs and schedules when no event wakes the node (at least 10ms)"),
    CLAIM_BATCH_SIZE("--claim-batch-size", "HOURGLASS_CLAIM_BATCH_SIZE", "claimBatchSize",
            String.valueOf(HourglassBuilder.DEFAULT_CLAIM_BATCH_SIZE), "N",
            "at most this many jobs claimed in one statement (1 to 10000)"),
    PREFETCH("--prefetch", "HOURGLASS_PREFETCH", "prefetch", String.valueOf(HourglassBuilder.DEFAULT_PREFETCH), "N",
            "at most this many claimed jobs wait in this node for a free worker thread (0 to 10000; 0: none)"),
    CLAIM_AHEAD("--claim-ahead", "HOURGLASS_CLAIM_AHEAD", "claimAhead",
            Durations.format(HourglassBuilder.DEFAULT_CLAIM_AHEAD), "DURATION",
            "jobs are claimed this long before their due time, held under lease and started on time"
                    + " (0s to half of --lease-duration; 0s: claim only due jobs)"),
    COMPLETION_BATCH_SIZE("--completion-batch-size", "HOURGLASS_COMPLETION_BATCH_SIZE", "completionBatchSize",
            String.valueOf(HourglassBuilder.DEFAULT_COMPLETION_BATCH_SIZE), "N",
            "at most this many attempt completions written in one transaction (1 to 10000)"),
    MISFIRE_GRACE("--misfire-grace", "HOURGLASS_MISFIRE_GRACE", "misfireGrace",
            Durations.format(HourglassBuilder.DEFAULT_MISFIRE_GRACE), "DURATION",
            "a fire time older than this when its schedule fires counts as missed (0s or more)"),
    MAX_OUTPUT_CHARS("--max-output-chars", "HOURGLASS_MAX_OUTPUT_CHARS", "maxOutputChars",
            String.valueOf(HourglassBuilder.DEFAULT_MAX_OUTPUT_CHARS), "N",
            "an attempt's captured output is cut at this many characters and flagged as truncated (0 or more)"),
    HISTORY_RETENTION("--history-retention", "HOURGLASS_HISTORY_RETENTION", "historyRetention",
            Durations.format(HourglassBuilder.DEFAULT_HISTORY_RETENTION), "DURATION",
            "finished jobs older than this are deleted with their attempts (at least 1m)"),
    CONTAINER_ENGINE("--container-engine", "HOURGLASS_CONTAINER_ENGINE", "containerEngine", null, "ENDPOINT",
            "Docker-compatible engine for container jobs, e.g. unix:///run/podman/podman.sock or tcp://host:port;"
                    + " unset: container jobs end with infra_error"),
    CONTAINER_IMAGES("--container-images", "HOURGLASS_CONTAINER_IMAGES", "containerImages", null, "PATTERNS",
            "comma-separated glob patterns of images container jobs may run, e.g. 'alpine:*,myorg/*'; unset: none"),
    CONTAINER_COMMAND("--container-command", "HOURGLASS_CONTAINER_COMMAND", "containerCommand", null, "JSON",
            "command (JSON array, no shell) each container job submitted through /job runs, e.g."
                    + " '[\"sleep\", \"2\"]'; unset: the image's own command"),
    EXECUTORS("--executors", "HOURGLASS_EXECUTORS", "executors", "webhook,celery", "TYPES",
            "executor types tasks defined at runtime may use: webhook, celery (comma-separated) or none;"
                    + " shell and container have their own settings"),
    SHELL_ALLOW("--shell-allow", "HOURGLASS_SHELL_ALLOW", "shellAllow", null, "EXECUTABLES",
            "comma-separated executables shell tasks defined at runtime may run, e.g. /bin/echo; unset: no shell"
                    + " tasks"),
    COMPAT_ACCESS("--compat-access", "HOURGLASS_COMPAT_ACCESS", "compatAccess", null, "open|token",
            "who may use the container-jobs API (/job, /jobs): open (no token) or token (an API token with the read"
                    + " or write role, once tokens exist); unset: open when bound to loopback, token otherwise"),
    CONSOLE_PATH("--console-path", "HOURGLASS_CONSOLE_PATH", "consolePath", "/console", "PATH",
            "where the operators' console is served, e.g. /ops/hourglass behind a proxy");

    private final String option;
    private final String env;
    private final String yamlKey;
    private final String defaultValue;
    private final String paramLabel;
    private final String help;

    Setting(String option, String env, String yamlKey, String defaultValue, String paramLabel, String help) {
        this.option = option;
        this.env = env;
        this.yamlKey = yamlKey;
        this.defaultValue = defaultValue;
        this.paramLabel = paramLabel;
        this.help = help;
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

    /** The value when no source gives one; null when unset means something the help text says. */
    public String defaultValue() {
        return defaultValue;
    }

    /** What the option's value is called in {@code --help} ({@code DURATION}, {@code N}). */
    public String paramLabel() {
        return paramLabel;
    }

    /** What the setting does, its rule and what unset means, as {@code --help} and the docs say it. */
    public String help() {
        return help;
    }

    /** How error messages name the setting: all three spellings, so the user finds it whichever they used. */
    public String label() {
        return option + " / " + env + " / " + yamlKey;
    }

    /** Secrets are never logged or echoed back in error messages. */
    public boolean isSecret() {
        return this == DATABASE_PASSWORD;
    }

    /**
     * The value as logs and error messages may show it: a secret as {@code ***}, a database URL with its
     * {@code password=} parameter masked (as the store describes itself).
     */
    public String shown(String value) {
        if (isSecret()) {
            return "***";
        }
        return this == DATABASE_URL && value != null ? value.replaceAll("(?i)(password=)[^&;]*", "$1***") : value;
    }

    /** Settings a YAML file may give as a list (joined with commas, like the option's value). */
    boolean isList() {
        return this == CONTAINER_IMAGES || this == CONTAINER_COMMAND || this == EXECUTORS || this == SHELL_ALLOW;
    }

    /** The builder setting this row feeds, by name ({@code leaseDuration} → {@link #LEASE_DURATION}). */
    public static Optional<Setting> forBuilderSetting(String name) {
        String option = "--" + name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.option.equals(option)).findFirst();
    }
}
