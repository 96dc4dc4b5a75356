package io.hourglass;

/** The thing named by {@link #kind()} and {@link #id()} does not exist (any more). */
public class NotFoundException extends HourglassException {
    private final String kind;
    private final String id;

    public NotFoundException(String kind, Object id) {
        super(kind + " '" + id + "' does not exist");
        this.kind = kind;
        this.id = String.valueOf(id);
    }

    public String kind() {
        return kind;
    }

    public String id() {
        return id;
    }
}
