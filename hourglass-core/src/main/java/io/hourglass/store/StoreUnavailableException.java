package io.hourglass.store;

import io.hourglass.HourglassException;

/**
 * The store could not be reached: the database refused or dropped the connection (restarting, failing over, the
 * network down), or no connection came free in time. Unlike other store failures this is nobody's bug and says
 * nothing about the request: the same call is expected to work again once the database is back, so callers retry
 * (the REST API answers 503 with Retry-After) instead of reporting an error.
 */
public class StoreUnavailableException extends HourglassException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
