package io.hourglass.jdbc;

import io.hourglass.HourglassException;

/**
 * A database operation failed. The message names the operation and the ids it was about, then the driver's own
 * message ("claim for owner 'node-1' failed: ..."); the driver's exception is the cause.
 */
public class StoreException extends HourglassException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
