package io.hourglass.server.auth;

/**
 * A console request that may not go on: 401 sends the browser to the login page, 403 shows why it was refused.
 * The console renders these as HTML, where the API answers JSON ({@code ApiException}).
 */
public final class ConsoleRefusal extends RuntimeException {
    private final int status;

    public ConsoleRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
