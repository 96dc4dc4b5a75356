package io.hourglass.docker;

/** What the container executor does when a job's image is not on the engine. */
public enum PullPolicy {
    /** Never pull: a missing image is an {@code infra_error} (images are loaded onto the engine by other means). */
    NEVER,
    /** Pull the image when the engine does not have it; a failed pull is an {@code infra_error}. */
    IF_MISSING
}
