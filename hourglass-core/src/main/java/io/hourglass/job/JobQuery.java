package io.hourglass.job;

import io.hourglass.InvalidRequestException;
import io.hourglass.attempt.Outcome;
import io.hourglass.internal.Instants;
import io.hourglass.internal.Names;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A filter over jobs with cursor paging. Empty filters match everything and filters combine with "and". Each time
 * range is {@code from} inclusive and {@code to} exclusive: over the due time, the creation time and the finish
 * time (a job that has not finished matches no finish range). {@code outcome} is the last attempt's outcome;
 * {@code node} is the node or worker that holds the job now, or that ran it to its end (a job waiting
 * for a retry is held by none). {@code text} is a search: a whole number finds the job with that id (and a job whose
 * dedup key is that number); other text finds jobs whose dedup key is that text or whose arguments (args or kwargs,
 * as stored JSON) contain it, case-sensitive (to look for a number in the arguments, give more of the JSON, such as
 * {@code "4711"} with its quotes or {@code 4711,}). Results are newest first
 * (highest id first). Build one from {@link #all()} with the {@code with...} methods.
 */
public record JobQuery(
        Set<JobState> states,
        String queue,
        String task,
        String dedupKey,
        String scheduleName,
        Outcome outcome,
        String node,
        Instant dueFrom,
        Instant dueTo,
        Instant createdFrom,
        Instant createdTo,
        Instant finishedFrom,
        Instant finishedTo,
        String text,
        String cursor,
        int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    /** A {@link #text} search of this form is an id (or a dedup key), not argument text. */
    public static final String ID_TEXT = "[0-9]{1,18}";

    public JobQuery {
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
        InvalidRequestException.require(limit >= 1 && limit <= MAX_LIMIT, "limit",
                "must be between 1 and " + MAX_LIMIT + ", was " + limit);
        requireRange("dueFrom", dueFrom, "dueTo", dueTo);
        requireRange("createdFrom", createdFrom, "createdTo", createdTo);
        requireRange("finishedFrom", finishedFrom, "finishedTo", finishedTo);
        Names.requireText("queue", queue);
        Names.requireText("task", task);
        Names.requireText("dedupKey", dedupKey);
        Names.requireText("schedule", scheduleName);
        Names.requireText("node", node);
        Names.requireText("text", text);
        InvalidRequestException.require(text == null || !text.isEmpty(), "text", "must not be empty");
        Instants.requireInRange("dueFrom", dueFrom);
        Instants.requireInRange("dueTo", dueTo);
        Instants.requireInRange("createdFrom", createdFrom);
        Instants.requireInRange("createdTo", createdTo);
        Instants.requireInRange("finishedFrom", finishedFrom);
        Instants.requireInRange("finishedTo", finishedTo);
        InvalidRequestException.require(cursor == null || cursor.matches("[0-9]{1,19}"), "cursor",
                "must be a cursor returned by a previous page, was '" + cursor + "'");
    }

    private static void requireRange(String fromName, Instant from, String toName, Instant to) {
        InvalidRequestException.require(from == null || to == null || from.isBefore(to), toName,
                "must be after " + fromName + " (" + from + "), was " + to);
    }

    public static JobQuery all() {
        return new JobQuery(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, DEFAULT_LIMIT);
    }

    public JobQuery withStates(Set<JobState> value) {
        return with(b -> b.states = value);
    }

    public JobQuery withQueue(String value) {
        return with(b -> b.queue = value);
    }

    public JobQuery withTask(String value) {
        return with(b -> b.task = value);
    }

    public JobQuery withDedupKey(String value) {
        return with(b -> b.dedupKey = value);
    }

    public JobQuery withScheduleName(String value) {
        return with(b -> b.scheduleName = value);
    }

    /** Jobs whose last attempt ended with this outcome (null: any). */
    public JobQuery withOutcome(Outcome value) {
        return with(b -> b.outcome = value);
    }

    /** Jobs held by this node or worker now, or that it ran to their end (null: any). */
    public JobQuery withNode(String value) {
        return with(b -> b.node = value);
    }

    public JobQuery withDueBetween(Instant from, Instant to) {
        return with(b -> {
            b.dueFrom = from;
            b.dueTo = to;
        });
    }

    public JobQuery withCreatedBetween(Instant from, Instant to) {
        return with(b -> {
            b.createdFrom = from;
            b.createdTo = to;
        });
    }

    public JobQuery withFinishedBetween(Instant from, Instant to) {
        return with(b -> {
            b.finishedFrom = from;
            b.finishedTo = to;
        });
    }

    /** A search (null: any): a number is an id or dedup key; other text a dedup key or argument text. */
    public JobQuery withText(String value) {
        return with(b -> b.text = value);
    }

    public JobQuery withCursor(String value) {
        return with(b -> b.cursor = value);
    }

    public JobQuery withLimit(int value) {
        return with(b -> b.limit = value);
    }

    /** A copy with one change; the canonical constructor checks the result. */
    private JobQuery with(Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return new JobQuery(b.states, b.queue, b.task, b.dedupKey, b.scheduleName, b.outcome, b.node, b.dueFrom,
                b.dueTo, b.createdFrom, b.createdTo, b.finishedFrom, b.finishedTo, b.text, b.cursor,
                b.limit);
    }

    /** The components of a query while one of them changes. */
    private static final class Copy {
        Set<JobState> states;
        String queue;
        String task;
        String dedupKey;
        String scheduleName;
        Outcome outcome;
        String node;
        Instant dueFrom;
        Instant dueTo;
        Instant createdFrom;
        Instant createdTo;
        Instant finishedFrom;
        Instant finishedTo;
        String text;
        String cursor;
        int limit;

        Copy(JobQuery q) {
            states = q.states;
            queue = q.queue;
            task = q.task;
            dedupKey = q.dedupKey;
            scheduleName = q.scheduleName;
            outcome = q.outcome;
            node = q.node;
            dueFrom = q.dueFrom;
            dueTo = q.dueTo;
            createdFrom = q.createdFrom;
            createdTo = q.createdTo;
            finishedFrom = q.finishedFrom;
            finishedTo = q.finishedTo;
            text = q.text;
            cursor = q.cursor;
            limit = q.limit;
        }
    }
}
