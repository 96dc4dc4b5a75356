package io.hourglass.shell;

import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutorSettings;
import io.hourglass.executor.ExecutorType;
import io.hourglass.executor.JobExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code shell} executor type: builds a {@link ShellExecutor} from a task definition's settings, within limits
 * only the node's operator sets. Running a local process is running code on the node, so the split is:
 *
 * <ul>
 *   <li>The operator, when building the type: the executables that may run ({@link Builder#allow}, required: a
 *       type without an allow-list cannot be built, so a node that should run no shell task simply has no shell
 *       type), the working directory, and the variables jobs may set ({@link Builder#passEnv}).</li>
 *   <li>The task definition, as data: which allow-listed command runs and with what fixed arguments, its
 *       environment, timeout and output limits.</li>
 * </ul>
 *
 * <table>
 *   <caption>Settings of a defined task</caption>
 *   <tr><th>setting</th><th>type</th><th>default</th></tr>
 *   <tr><td>{@code command}</td><td>list of strings, the executable first; it must be in the node's allow-list
 *       </td><td>required</td></tr>
 *   <tr><td>{@code environment}</td><td>object of strings; not {@code PATH}, {@code LD_*} or other variables that
 *       change which code runs, nor a name the node lets jobs set</td><td>none</td></tr>
 *   <tr><td>{@code timeout}</td><td>duration ({@code "10m"}, {@code "PT1H"})</td><td>1 h</td></tr>
 *   <tr><td>{@code maxOutputChars}</td><td>whole number</td><td>65536</td></tr>
 *   <tr><td>{@code killGrace}</td><td>duration</td><td>2 s</td></tr>
 * </table>
 *
 * <p>A job appends its args to the command and may set the node's {@code passEnv} variables through
 * {@code kwargs.env}, as with {@link ShellSettings}. Per-job commands ({@code allowJobCommands}) are not offered to
 * defined tasks: the command is the definition. The executors hold no resources, so there is nothing to close.
 */
public final class ShellExecutorType implements ExecutorType {
    public static final String NAME = "shell";
    private static final Logger log = LoggerFactory.getLogger(ShellExecutorType.class);
    private static final String[] SETTINGS = {"command", "environment", "timeout", "maxOutputChars", "killGrace"};
    /** Builder settings a definition may not choose, because they widen what the node runs. */
    private static final Set<String> NODE_ONLY = Set.of("allow", "workingDirectory", "passEnv", "allowJobCommands");

    private final List<String> allow;
    private final Path workingDirectory;
    private final Set<String> passEnv;
    private final Clock clock;

    private ShellExecutorType(Builder b, ShellSettings checked) {
        this.allow = List.copyOf(b.allow);
        this.workingDirectory = b.workingDirectory;
        this.passEnv = Set.copyOf(b.passEnv);
        this.clock = b.clock;
        log.info("shell executor type ready: allow={}, workingDirectory={}, passEnv={}", checked.allowed().keySet(),
                workingDirectory, passEnv);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The executables a defined task may run, as the operator wrote them. */
    public List<String> allowed() {
        return allow;
    }

    @Override
    public JobExecutor create(String taskName, ExecutorSettings settings) {
        return new ShellExecutor(settings(settings), clock);
    }

    /** Maps a definition's settings onto {@link ShellSettings} within the node's limits. */
    ShellSettings settings(ExecutorSettings settings) {
        settings.refuseOperatorSettings(NODE_ONLY);
        settings.allowOnly(SETTINGS);
        List<String> command = settings.strings("command");
        InvalidRequestException.require(!command.isEmpty(), "settings.command",
                "required by the shell executor: a non-empty list, the executable first, such as "
                        + "[\"/usr/bin/python3\", \"scrape.py\"]; allowed executables are " + allow);
        ShellSettings.Builder builder = ShellSettings.builder().allow(allow.toArray(String[]::new))
                .command(command.toArray(String[]::new)).workingDirectory(workingDirectory)
                .passEnv(passEnv.toArray(String[]::new));
        settings.stringMap("environment").forEach((name, value) -> {
            checkEnvironment(name);
            builder.environment(name, value);
        });
        builder.timeout(settings.duration("timeout", ShellSettings.DEFAULT_TIMEOUT));
        builder.maxOutputChars(settings.integer("maxOutputChars", ShellSettings.DEFAULT_MAX_OUTPUT_CHARS,
                1, Integer.MAX_VALUE));
        builder.killGrace(settings.duration("killGrace", ShellSettings.DEFAULT_KILL_GRACE));
        try {
            return builder.build();
        } catch (InvalidRequestException e) {
            throw asSetting(e);
        }
    }

    private void checkEnvironment(String name) {
        String field = "settings.environment." + name;
        Executables.checkEnvName(field, name);
        InvalidRequestException.require(!ShellSettings.changesWhichCodeRuns(name), field,
                "changes which code runs, so only the node's operator may set it");
        InvalidRequestException.require(!passEnv.contains(name), field,
                "is a variable this node lets jobs set (passEnv " + passEnv + "), so a task cannot fix it");
    }

    /**
     * The builder names its own fields. Those of a definition become {@code settings.<key>}; the others (allow,
     * workingDirectory) are the node's, and failing now means the node changed since the type was built.
     */
    private static InvalidRequestException asSetting(InvalidRequestException e) {
        String prefix = e.field() + ": ";
        String rule = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
        if (e.field() != null && Arrays.asList(SETTINGS).contains(e.field())) {
            return new InvalidRequestException("settings." + e.field(), rule);
        }
        return new InvalidRequestException("executor", "this node's shell executor type: " + e.getMessage());
    }

    @Override
    public String toString() {
        return "ShellExecutorType[allow=" + allow + ", workingDirectory=" + workingDirectory + ", passEnv="
                + passEnv + "]";
    }

    /** The node's limits; {@link #build()} checks them as {@link ShellSettings.Builder} does. */
    public static final class Builder {
        private final List<String> allow = new ArrayList<>();
        private Path workingDirectory;
        private final Set<String> passEnv = new LinkedHashSet<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Executables defined tasks may run: absolute paths, or names looked up on this JVM's PATH when built. */
        public Builder allow(String... executables) {
            allow.addAll(Arrays.asList(executables));
            return this;
        }

        /** The working directory of every defined task's process; default the scheduler's. */
        public Builder workingDirectory(Path value) {
            this.workingDirectory = value;
            return this;
        }

        /** Variables a job may set through {@code kwargs.env}. */
        public Builder passEnv(String... names) {
            passEnv.addAll(Arrays.asList(names));
            return this;
        }

        /** Measures the time left until a job's deadline. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @throws InvalidRequestException naming {@code allow} when the allow-list is empty (leave the type out
         *         to keep shell tasks off), or the limit that is invalid
         */
        public ShellExecutorType build() {
            InvalidRequestException.require(!allow.isEmpty(), "allow",
                    "a shell executor type needs an allow-list of executables; to run no shell tasks on this node, "
                            + "do not register the type");
            ShellSettings checked = ShellSettings.builder().allow(allow.toArray(String[]::new))
                    .allowJobCommands(true).workingDirectory(workingDirectory)
                    .passEnv(passEnv.toArray(String[]::new)).build();
            return new ShellExecutorType(this, checked);
        }
    }
}
