package io.hourglass.job;

/** What a cancel did. */
public enum CancelResult {
    /** The job was scheduled and is now cancelled. */
    CANCELLED,
    /** The job is running; its owner has been asked to stop and will record the outcome. */
    CANCELLATION_REQUESTED,
    /** The job had already finished; nothing changed. */
    ALREADY_FINISHED,
    /** No such job. */
    NOT_FOUND
}
