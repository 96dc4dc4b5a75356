package io.hourglass.worker;

import java.time.Instant;
import java.util.List;

/**
 * A remote worker as the store has seen it: by name, across every node of a cluster.
 *
 * @param lastSeenAt when it last popped, heartbeated or completed a job
 * @param queues     the queues it popped from, by name
 * @param jobsHeld   how many jobs it holds now (running under its name)
 */
public record RemoteWorker(String name, Instant lastSeenAt, List<String> queues, int jobsHeld) {

    public RemoteWorker {
        queues = List.copyOf(queues);
    }
}
