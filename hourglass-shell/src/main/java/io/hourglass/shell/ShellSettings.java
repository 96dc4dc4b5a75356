package io.hourglass.shell;

import io.hourglass.InvalidRequestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link ShellExecutor} may run and how. Off unless configured: {@link #disabled()} refuses every job, and
 * {@link #builder()} requires an explicit allow-list of executables, because a scheduler that runs whatever a job
 * names is remote code execution for anyone who can enqueue.
 *
 * <p>Commands never go through a shell: the argv is the fixed {@link Builder#command command prefix} plus the job's
 * args as separate entries, so {@code $(...)}, quotes, spaces and globs in an argument stay literal. A task that
 * wants a shell names {@code /bin/sh -c '...'} in its own fixed prefix, where only the operator writes it.
 *
 * <p>The child gets a clean environment: the scheduler's own variables may hold database passwords. It sees
 * {@code PATH} ({@value #DEFAULT_PATH} unless the fixed environment sets it), the fixed environment, and the
 * job's {@code kwargs.env} entries whose names are allow-listed with {@link Builder#passEnv}.
 */
public final class ShellSettings {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    public static final int DEFAULT_MAX_OUTPUT_CHARS = 64 * 1024;
    public static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    /** How long a stopped process tree gets between SIGTERM and SIGKILL. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

    private static final ShellSettings DISABLED = new ShellSettings(null);
    /** Variables that would let a job change which code runs; never passed from a job. */
    private static final Set<String> UNSAFE_FROM_JOB = Set.of("PATH", "LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT",
            "BASH_ENV", "ENV", "IFS", "SHELLOPTS", "PYTHONPATH", "PERL5LIB", "NODE_OPTIONS", "JAVA_TOOL_OPTIONS");

    private final boolean enabled;
    private final Map<String, Path> allowed;
    private final List<String> command;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final Set<String> passEnv;
    private final Duration timeout;
    private final int maxOutputChars;
    private final boolean allowJobCommands;
    private final Duration killGrace;

    private ShellSettings(Builder b) {
        this.enabled = b != null;
        this.allowed = b == null ? Map.of() : Map.copyOf(b.resolved);
        this.command = b == null ? List.of() : List.copyOf(b.command);
        this.workingDirectory = b == null ? null : b.workingDirectory;
        this.environment = b == null ? Map.of() : Map.copyOf(b.environment);
        this.passEnv = b == null ? Set.of() : Set.copyOf(b.passEnv);
        this.timeout = b == null ? DEFAULT_TIMEOUT : b.timeout;
        this.maxOutputChars = b == null ? DEFAULT_MAX_OUTPUT_CHARS : b.maxOutputChars;
        this.allowJobCommands = b != null && b.allowJobCommands;
        this.killGrace = b == null ? DEFAULT_KILL_GRACE : b.killGrace;
    }

    /**
     * True for variables that change which code a process runs ({@code PATH}, {@code LD_*}, {@code BASH_ENV},
     * interpreter search paths): only the operator may set them, never a job or a task defined at runtime.
     */
    static boolean changesWhichCodeRuns(String name) {
        return UNSAFE_FROM_JOB.contains(name) || name.startsWith("LD_");
    }

    /** The default: every job is refused as failed, with a message saying how to enable the executor. */
    public static ShellSettings disabled() {
        return DISABLED;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean enabled() { return enabled; }
    /** Allowed spellings of argv[0] (as configured, and as resolved) mapped to the absolute path that runs. */
    public Map<String, Path> allowed() { return allowed; }
    public List<String> command() { return command; }
    /** The child's working directory, or null for the scheduler's. */
    public Path workingDirectory() { return workingDirectory; }
    public Map<String, String> environment() { return environment; }
    public Set<String> passEnv() { return passEnv; }
    public Duration timeout() { return timeout; }
    public int maxOutputChars() { return maxOutputChars; }
    public boolean allowJobCommands() { return allowJobCommands; }
    public Duration killGrace() { return killGrace; }

    /** Names variables but not their values: this string goes to logs. */
    @Override
    public String toString() {
        if (!enabled) {
            return "ShellSettings[disabled]";
        }
        return "ShellSettings[command=" + command + ", allowed=" + allowed.keySet() + ", workingDirectory="
                + workingDirectory + ", environment=" + environment.keySet() + ", passEnv=" + passEnv
                + ", timeout=" + timeout + ", maxOutputChars=" + maxOutputChars
                + ", allowJobCommands=" + allowJobCommands + "]";
    }

    /** A typed builder; {@link #build()} checks every field and names the one at fault. */
    public static final class Builder {
        private final List<String> allowList = new ArrayList<>();
        private final Map<String, Path> resolved = new LinkedHashMap<>();
        private List<String> command = List.of();
        private Path workingDirectory;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Set<String> passEnv = new LinkedHashSet<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private int maxOutputChars = DEFAULT_MAX_OUTPUT_CHARS;
        private boolean allowJobCommands;
        private Duration killGrace = DEFAULT_KILL_GRACE;

        private Builder() {
        }

        /** Executables that may run: absolute paths, or names looked up on this JVM's PATH when built. */
        public Builder allow(String... executables) {
            allowList.addAll(Arrays.asList(executables));
            return this;
        }

        /** The fixed start of every argv, e.g. {@code "/usr/bin/python3", "scrape.py"}; the job's args follow. */
        public Builder command(String... prefix) {
            this.command = Arrays.asList(prefix);
            return this;
        }

        public Builder workingDirectory(Path value) {
            this.workingDirectory = value;
            return this;
        }

        /** A variable every run gets; it cannot be overridden by a job. */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Names a job may set through {@code kwargs.env}. */
        public Builder passEnv(String... names) {
            passEnv.addAll(Arrays.asList(names));
            return this;
        }

        /** How long a run may take; a sooner job deadline wins. */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder maxOutputChars(int value) {
            this.maxOutputChars = value;
            return this;
        }

        /** Lets a job give its whole argv in {@code kwargs.argv}; argv[0] must still be allow-listed. */
        public Builder allowJobCommands(boolean value) {
            this.allowJobCommands = value;
            return this;
        }

        public Builder killGrace(Duration value) {
            this.killGrace = value;
            return this;
        }

        public ShellSettings build() {
            InvalidRequestException.require(!allowList.isEmpty(), "allow",
                    "enabling the shell executor requires an explicit allow-list of executables");
            resolved.clear();
            for (String entry : allowList) {
                Path path = Executables.resolve("allow", entry);
                resolved.put(entry, path);
                resolved.put(path.toString(), path);
            }
            InvalidRequestException.require(!command.isEmpty() || allowJobCommands, "command",
                    "give a command prefix, or allowJobCommands(true) so jobs bring their own argv");
            InvalidRequestException.require(command.stream().allMatch(a -> a != null && a.indexOf('\0') < 0),
                    "command", "entries must be non-null and free of NUL characters");
            InvalidRequestException.require(command.isEmpty() || resolved.containsKey(command.get(0)), "command",
                    "executable '" + (command.isEmpty() ? "" : command.get(0)) + "' is not in the allow-list "
                            + allowList);
            InvalidRequestException.require(workingDirectory == null || Files.isDirectory(workingDirectory),
                    "workingDirectory", "must be an existing directory, was " + workingDirectory);
            environment.forEach((name, value) -> {
                Executables.checkEnvName("environment", name);
                InvalidRequestException.require(value != null && value.indexOf('\0') < 0, "environment",
                        "'" + name + "' needs a value without NUL characters");
            });
            for (String name : passEnv) {
                Executables.checkEnvName("passEnv", name);
                InvalidRequestException.require(!changesWhichCodeRuns(name), "passEnv",
                        "'" + name + "' changes which code runs and cannot be set by a job");
                InvalidRequestException.require(!environment.containsKey(name), "passEnv",
                        "'" + name + "' is already fixed in the environment");
            }
            InvalidRequestException.require(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout",
                    "must be positive, was " + timeout);
            InvalidRequestException.require(killGrace != null && !killGrace.isNegative(), "killGrace",
                    "must not be negative, was " + killGrace);
            InvalidRequestException.require(maxOutputChars >= 1, "maxOutputChars",
                    "must be at least 1, was " + maxOutputChars);
            return new ShellSettings(this);
        }
    }
}
