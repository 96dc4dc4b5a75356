package io.hourglass.store;

import java.time.Instant;
import java.util.Set;

/**
 * A scheduler process as seen through its heartbeats: the current incarnation of a node name.
 *
 * @param incarnation the owner its jobs carry ({@link Incarnation#owner()}); a restart under the same name
 *                    changes it and resets {@code startedAt}
 * @param tasks       the tasks it runs (registered in code, or defined and built there), as of its last heartbeat
 */
public record Node(String name, String incarnation, Instant startedAt, Instant lastHeartbeatAt, Set<String> tasks) {
    public Node {
        tasks = tasks == null ? Set.of() : Set.copyOf(tasks);
    }
}
