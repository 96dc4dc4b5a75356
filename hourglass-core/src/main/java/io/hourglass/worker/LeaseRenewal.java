package io.hourglass.worker;

import java.time.Duration;
import java.time.Instant;

/**
 * What a remote worker's heartbeat got: its lease now runs until {@code leaseUntil}, renewed by {@code lease}
 * (the one it asked for at pop unless it asked for another since), and whether somebody asked to cancel the job.
 *
 * @param cancellationRequested true once the job's cancel was requested: the worker should stop and report it
 */
public record LeaseRenewal(Instant leaseUntil, Duration lease, boolean cancellationRequested) {
}
