package io.hourglass.server.compat;

/** An error answer of the container-jobs API, whose clients expect {@code {"message": ...}} and nothing else. */
final class CompatError extends RuntimeException {
    private final int status;

    CompatError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
