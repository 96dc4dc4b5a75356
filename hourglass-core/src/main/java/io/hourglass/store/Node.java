package io.hourglass.store;

import java.time.Instant;

/** A scheduler process (or remote worker) as seen through its heartbeats. */
public record Node(String name, Instant startedAt, Instant lastHeartbeatAt) {
}
