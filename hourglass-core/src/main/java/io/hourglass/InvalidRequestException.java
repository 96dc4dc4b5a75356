package io.hourglass;

/**
 * A caller asked for something that cannot be done as asked: a missing or malformed field, a value out of range.
 * {@link #field()} names the offending field so an HTTP layer can answer 400 with it.
 */
public class InvalidRequestException extends HourglassException {
    private final String field;
    private final String rule;

    public InvalidRequestException(String field, String message) {
        super(field == null ? message : field + ": " + message);
        this.field = field;
        this.rule = message;
    }

    /** The field at fault, or {@code null} when the request as a whole is at fault. */
    public String field() {
        return field;
    }

    /** The message without the field in front: the rule and the value seen, to say again under another field. */
    public String rule() {
        return rule;
    }

    /** Throws unless {@code condition} holds; the message should state the rule and the value seen. */
    public static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidRequestException(field, message);
        }
    }
}
