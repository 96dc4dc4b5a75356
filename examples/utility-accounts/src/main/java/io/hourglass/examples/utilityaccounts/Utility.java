package io.hourglass.examples.utilityaccounts;

import java.util.Arrays;
import java.util.Optional;

/** The utilities we scrape, each with the task that scrapes its accounts. */
public enum Utility {
    /** Con Edison. */
    CONED("coned", "scrape-coned"),
    /** National Grid. */
    NGRID("ngrid", "scrape-ngrid");

    private final String code;
    private final String task;

    Utility(String code, String task) {
        this.code = code;
        this.task = task;
    }

    /** The value of an account's {@code utility} field. */
    public String code() {
        return code;
    }

    /** The name of the task that scrapes this utility's accounts. */
    public String task() {
        return task;
    }

    /** The utility with this code, if we know it. */
    public static Optional<Utility> fromCode(Object code) {
        return Arrays.stream(values()).filter(u -> u.code.equals(code)).findFirst();
    }
}
