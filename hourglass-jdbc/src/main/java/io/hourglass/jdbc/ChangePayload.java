package io.hourglass.jdbc;

import io.hourglass.store.Change;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of a change notification: "jobs:&lt;earliest due, epoch ms&gt;", "jobs", "schedules", "queues",
 * "tasks" or "cancel". Short, so many fit under PostgreSQL's 8000-byte payload limit.
 */
final class ChangePayload {
    static final String SCHEDULES = "schedules";
    static final String QUEUES = "queues";
    static final String TASKS = "tasks";
    static final String CANCEL = "cancel";
    private static final String JOBS = "jobs";

    private ChangePayload() {
    }

    static String jobs(Instant earliestDue) {
        return JOBS + ":" + earliestDue.toEpochMilli();
    }

    /** The change a payload stands for; empty for text this version does not know (a newer node's, say). */
    static Optional<Change> parse(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        int colon = payload.indexOf(':');
        String kind = colon < 0 ? payload : payload.substring(0, colon);
        Instant due = null;
        if (colon >= 0) {
            try {
                due = Instant.ofEpochMilli(Long.parseLong(payload.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case JOBS -> Optional.of(new Change(Change.Kind.JOBS, due));
            case SCHEDULES -> Optional.of(new Change(Change.Kind.SCHEDULES, null));
            case QUEUES -> Optional.of(new Change(Change.Kind.QUEUES, null));
            case TASKS -> Optional.of(new Change(Change.Kind.TASKS, null));
            case CANCEL -> Optional.of(new Change(Change.Kind.CANCEL, null));
            default -> Optional.empty();
        };
    }
}
