package io.hourglass.executor;

import io.hourglass.HourglassException;

/**
 * Thrown by an executor or a handler when the work could not be run for reasons outside it (a dependency down,
 * a lost connection). Recorded as {@code infra_error} and retried by default.
 */
public class InfrastructureException extends HourglassException {
    public InfrastructureException(String message) {
        super(message);
    }

    public InfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }
}
