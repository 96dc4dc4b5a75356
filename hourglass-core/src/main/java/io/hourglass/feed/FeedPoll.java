package io.hourglass.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one poll of a feed did, as recorded by the node that ran it: also the summary in the poll job's attempt
 * output. The store keeps the latest {@link #KEPT_PER_FEED} per feed.
 *
 * @param id               the store's, increasing
 * @param jobId            the poll job (its attempts are in the history), or null for none
 * @param attempt          the attempt of that job
 * @param status           what came of it
 * @param httpStatus       the response's status, or null when none came
 * @param itemsSeen        items in the document
 * @param jobsCreated      jobs created
 * @param duplicates       items whose dedup key belongs to a job still scheduled or running
 * @param skipped          items {@code taskFrom.otherwise: "skip"} left out
 * @param refused          items that could not become a job (see {@code refusals})
 * @param refusals         the first {@link #MAX_REFUSALS} refusals, with their reasons
 * @param error            why the poll failed, or null
 */
public record FeedPoll(
        long id,
        String feed,
        Long jobId,
        int attempt,
        Status status,
        Integer httpStatus,
        int itemsSeen,
        int jobsCreated,
        int duplicates,
        int skipped,
        int refused,
        List<Refusal> refusals,
        String error,
        Instant startedAt,
        Instant finishedAt) {

    public static final int MAX_REFUSALS = 10;
    public static final int KEPT_PER_FEED = 100;

    public FeedPoll {
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
    }

    /** How a poll ended. */
    public enum Status {
        /** The document was read and its items mapped (some may have been refused). */
        POLLED,
        /** The server answered 304: nothing changed since the last poll. */
        NOT_MODIFIED,
        /** No usable document: HTTP error, timeout, unparsable body (the job's attempt is infra_error). */
        FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An item that could not become a job: its index in the document and why. */
    public record Refusal(int index, String reason) {
    }

    public Duration duration() {
        return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }

    /** The one-line summary written to the attempt's output. */
    public String summary() {
        StringBuilder out = new StringBuilder("feed '" + feed + "': " + status.wireName());
        if (httpStatus != null) {
            out.append(" (HTTP ").append(httpStatus).append(')');
        }
        out.append("; items seen ").append(itemsSeen).append(", jobs created ").append(jobsCreated)
                .append(", duplicates skipped ").append(duplicates).append(", skipped ").append(skipped)
                .append(", refused ").append(refused);
        for (Refusal refusal : refusals) {
            out.append("\n  item ").append(refusal.index()).append(": ").append(refusal.reason());
        }
        if (error != null) {
            out.append("\n  error: ").append(error);
        }
        return out.toString();
    }
}
