package io.hourglass;

import java.time.Duration;

/**
 * The settings a built node runs with, defaults filled in: what {@link HourglassBuilder} was given, or chose when it
 * was given nothing (a generated node name, a heartbeat a third of the lease). For logs, health pages and tests;
 * {@link Hourglass#settings()} returns it.
 *
 * @param store a description of the store for logs, without secrets
 */
public record NodeSettings(
        String nodeName,
        String store,
        int workerThreads,
        int claimBatchSize,
        int prefetch,
        Duration leaseDuration,
        Duration heartbeatInterval,
        Duration pollInterval,
        Duration misfireGrace,
        int maxOutputChars,
        Duration historyRetention,
        int completionBatchSize,
        Duration claimAhead) {
}
