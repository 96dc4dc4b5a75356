package io.hourglass.server;

/**
 * The server cannot start, for a reason the operator can fix (a port in use, an unreachable database, tokens
 * missing for a public address). The message is the one line the command prints.
 */
public final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    public StartupException(String message) {
        super(message);
    }

    /** The innermost cause's message: for a database, usually the line that says what is wrong. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
