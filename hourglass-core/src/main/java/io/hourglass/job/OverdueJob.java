package io.hourglass.job;

import java.util.Locale;
import java.util.Objects;

/**
 * A job whose due time has passed but that nobody has claimed, with why it waits.
 *
 * @param reason  the first that applies, in the order of {@link Reason}'s constants
 * @param because the reason in words, naming the queue, its limit or the task
 */
public record OverdueJob(Job job, Reason reason, String because) {
    public OverdueJob {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(because, "because");
    }

    /** Why an overdue job waits, most actionable first. */
    public enum Reason {
        /** Its queue is paused: nothing is claimed from it until it is resumed. */
        QUEUE_PAUSED,
        /**
         * No live node runs its task (none has it in code or built its definition, as of their last heartbeats
         * within one lease): it waits for such a node, or for a remote worker that pops its queue.
         */
        NO_NODE_RUNS_TASK,
        /** Its queue runs as many jobs as its concurrency limit allows; it waits for one to end. */
        QUEUE_AT_LIMIT,
        /** None of the above: it is next in line (just due, or behind other due jobs of higher rank). */
        JUST_DUE;

        /** The lower-case name used in the API. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
