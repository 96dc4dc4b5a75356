package io.hourglass.shell;

import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.JobExecutor;
import io.hourglass.task.JobContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job as a local process: see {@link ShellSettings} for what may run, and {@code docs/executors.md} for
 * the outcome table.
 *
 * <p>Why it works this way: the process starts straight from an argv list (never {@code sh -c} with job input),
 * with a clean environment and an allow-listed executable resolved to an absolute path at configuration time. The
 * job thread waits for the exit with the sooner of the settings' timeout and the job's deadline; a separate pump
 * thread streams the output. A stop (cancel or engine timeout) arrives through {@link JobContext#onStop} on
 * another thread and kills the whole process tree, which ends the wait.
 */
public final class ShellExecutor implements JobExecutor {
    private static final Logger log = LoggerFactory.getLogger(ShellExecutor.class);

    private final ShellSettings settings;
    private final Clock clock;

    public ShellExecutor(ShellSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With an explicit clock, which measures the time left until the job's deadline. */
    public ShellExecutor(ShellSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        log.info("shell executor ready: {}", settings);
    }

    public ShellSettings settings() {
        return settings;
    }

    @Override
    public ExecutionResult execute(JobContext job) {
        if (!settings.enabled()) {
            return ExecutionResult.failed("job " + job.jobId() + ": shell executor is disabled: enable it with an "
                    + "allow-list (ShellSettings.builder().allow(...))");
        }
        CommandLine line;
        try {
            line = CommandLine.of(settings, job);
        } catch (InvalidRequestException e) {
            return ExecutionResult.failed("job " + job.jobId() + ": " + e.getMessage());
        }
        Duration timeout = job.timeLeft(clock, settings.timeout());
        if (timeout.isNegative() || timeout.isZero()) {
            return ExecutionResult.timedOut("job " + job.jobId() + ": deadline " + job.deadline()
                    + " passed before the process started");
        }
        String executable = line.argv().get(0);
        ProcessBuilder builder = new ProcessBuilder(line.argv()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(line.environment());
        if (settings.workingDirectory() != null) {
            builder.directory(settings.workingDirectory().toFile());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return ExecutionResult.infraError("job " + job.jobId() + ": could not start " + executable + ": "
                    + e.getMessage());
        }
        return await(job, process, executable, timeout);
    }

    private ExecutionResult await(JobContext job, Process process, String executable, Duration timeout) {
        closeQuietly(process);
        OutputPump output = OutputPump.start(process.getInputStream(), job, settings.maxOutputChars());
        ProcessTree tree = new ProcessTree(process.toHandle(), settings.killGrace());
        job.onStop(tree::kill);
        boolean exited;
        try {
            exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            tree.kill();
            output.finish(settings.killGrace());
            Thread.currentThread().interrupt();
            return job.isStopRequested() ? stopped(job, executable)
                    : ExecutionResult.infraError("job " + job.jobId() + ": interrupted while " + executable
                            + " ran (is the node shutting down?); process tree killed");
        }
        if (!exited) {
            tree.kill();
            output.finish(settings.killGrace());
            return ExecutionResult.timedOut(executable + " ran past its " + timeout + " timeout; process tree killed"
                    + tail(output));
        }
        output.finish(settings.killGrace());
        if (job.isStopRequested()) {
            return stopped(job, executable);
        }
        int exitCode = process.exitValue();
        return (exitCode == 0 ? ExecutionResult.succeeded()
                : ExecutionResult.failed(executable + ": exit code " + exitCode + tail(output))).withExitCode(exitCode);
    }

    /** The job gets no input: a command that reads stdin sees its end at once instead of hanging. */
    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            log.debug("closing stdin of pid {} failed", process.pid(), e);
        }
    }

    private static ExecutionResult stopped(JobContext job, String executable) {
        return ExecutionResult.stopped(job, executable + " and its children killed");
    }

    private static String tail(OutputPump output) {
        String tail = output.tail();
        return tail.isBlank() ? "" : "; output ends with:\n" + tail;
    }
}
