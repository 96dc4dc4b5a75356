package io.hourglass;

/** The request clashes with the current state: a schedule name already taken, a queue that is full. */
public class ConflictException extends HourglassException {
    public ConflictException(String message) {
        super(message);
    }
}
