package io.hourglass.shell;

import io.hourglass.InvalidRequestException;
import io.hourglass.task.JobContext;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The argv and environment of one run, built from settings and the job. Every rule a job can break raises an
 * {@link InvalidRequestException} naming the field and index; the executor records it as {@code failed} without
 * starting anything, because running the same job again would break the same rule.
 */
record CommandLine(List<String> argv, Map<String, String> environment) {
    /** The kwargs key that carries a whole argv, when the settings allow per-job commands. */
    static final String ARGV_KEY = "argv";
    /** The kwargs key that carries environment variables for allow-listed names. */
    static final String ENV_KEY = "env";

    static CommandLine of(ShellSettings settings, JobContext job) {
        return new CommandLine(argv(settings, job), environment(settings, job));
    }

    private static List<String> argv(ShellSettings settings, JobContext job) {
        Object jobArgv = job.kwargs().get(ARGV_KEY);
        List<String> argv = new ArrayList<>();
        if (jobArgv != null) {
            InvalidRequestException.require(settings.allowJobCommands(), "kwargs." + ARGV_KEY,
                    "per-job commands are off for this task; the command is fixed in its settings");
            InvalidRequestException.require(job.args().isEmpty(), "args",
                    "give either args (appended to the fixed command) or kwargs.argv (a whole command), not both");
            InvalidRequestException.require(jobArgv instanceof List<?> list && !list.isEmpty(), "kwargs." + ARGV_KEY,
                    "must be a non-empty list of strings");
            List<?> entries = (List<?>) jobArgv;
            for (int i = 0; i < entries.size(); i++) {
                argv.add(text("kwargs." + ARGV_KEY + "[" + i + "]", entries.get(i)));
            }
        } else {
            InvalidRequestException.require(!settings.command().isEmpty(), "kwargs." + ARGV_KEY,
                    "this task has no fixed command, so the job must give its argv in kwargs.argv");
            argv.addAll(settings.command());
            for (int i = 0; i < job.args().size(); i++) {
                argv.add(text("args[" + i + "]", job.args().get(i)));
            }
        }
        Path executable = settings.allowed().get(argv.get(0));
        InvalidRequestException.require(executable != null, "kwargs." + ARGV_KEY + "[0]",
                "executable '" + argv.get(0) + "' is not in this task's allow-list " + settings.allowed().keySet()
                        + "; not retried");
        argv.set(0, executable.toString());
        return List.copyOf(argv);
    }

    private static Map<String, String> environment(ShellSettings settings, JobContext job) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", ShellSettings.DEFAULT_PATH);
        env.putAll(settings.environment());
        Object fromJob = job.kwargs().get(ENV_KEY);
        if (fromJob == null) {
            return env;
        }
        InvalidRequestException.require(fromJob instanceof Map, "kwargs." + ENV_KEY,
                "must be an object of NAME: value, was " + fromJob.getClass().getSimpleName());
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) fromJob).entrySet()) {
            String name = String.valueOf(entry.getKey());
            InvalidRequestException.require(settings.passEnv().contains(name), "kwargs." + ENV_KEY,
                    "'" + name + "' is not in this task's passEnv allow-list " + settings.passEnv());
            env.put(name, text("kwargs." + ENV_KEY + "." + name, entry.getValue()));
        }
        return env;
    }

    /** Strings and numbers become one argv entry each; anything else is refused rather than guessed at. */
    private static String text(String field, Object value) {
        InvalidRequestException.require(value instanceof String || value instanceof Number, field,
                "must be a string or a number, was " + (value == null ? "null" : value.getClass().getSimpleName()));
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        InvalidRequestException.require(text.indexOf('\0') < 0, field, "must not contain NUL characters");
        return text;
    }
}
