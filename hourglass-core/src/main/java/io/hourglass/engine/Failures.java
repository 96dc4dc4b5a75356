package io.hourglass.engine;

import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.InfrastructureException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Turns what an executor threw into an attempt's result: an {@link InfrastructureException} is infra_error (the
 * work could not be run, so a retry is safe), anything else is failed (the work's own fault). The error keeps the
 * message and a stack trace trimmed to {@link #MAX_ERROR_CHARS}, enough to act on without flooding history.
 */
final class Failures {
    static final int MAX_ERROR_CHARS = 4000;
    static final String TRIMMED = "\n... (trimmed)";

    private Failures() {
    }

    static ExecutionResult resultOf(Throwable thrown) {
        String error = describe(thrown);
        return thrown instanceof InfrastructureException
                ? ExecutionResult.infraError(error)
                : ExecutionResult.failed(error);
    }

    /** The throwable's message and stack trace, trimmed. */
    static String describe(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trim(trace.toString().strip());
    }

    static String trim(String error) {
        if (error == null || error.length() <= MAX_ERROR_CHARS) {
            return error;
        }
        return error.substring(0, MAX_ERROR_CHARS - TRIMMED.length()) + TRIMMED;
    }
}
