package io.hourglass.feed;

import io.hourglass.executor.InfrastructureException;
import io.hourglass.executor.Secrets;
import java.time.Duration;

/**
 * Fetches a feed's document and maps its items to job requests: the HTTP and JSON half of a poll, kept out of core
 * (which has no HTTP client or JSON library); {@code hourglass-http} provides one ({@code HttpFeedReader}). The
 * engine does the other half: it runs the read as a job of {@link Feed#POLL_TASK}, enqueues the mapped jobs in one
 * store transaction and records the poll.
 */
public interface FeedReader {

    /**
     * Reads the feed once.
     *
     * @param validators what the last poll answered (sent as If-None-Match / If-Modified-Since), or
     *                   {@link FeedDocument.Validators#NONE} for an unconditional GET (a preview)
     * @param secrets    what {@code ${secret:NAME}} in the headers stands for on this node
     * @param timeout    how long the exchange may take, body included
     * @throws FeedUnavailableException when no usable document came: an HTTP error, a timeout, a body that is not
     *                                  JSON or has no array where {@code items} points (an infra_error)
     */
    FeedDocument read(Feed feed, FeedDocument.Validators validators, Secrets secrets, Duration timeout);

    /**
     * No usable document: the poll's attempt is infra_error, retried with backoff; {@code retryAfter} is what the
     * server asked for with {@code Retry-After} (null when it did not), which the retry waits at least.
     */
    class FeedUnavailableException extends InfrastructureException {
        private final Integer httpStatus;
        private final Duration retryAfter;

        public FeedUnavailableException(String message, Integer httpStatus, Duration retryAfter, Throwable cause) {
            super(message, cause);
            this.httpStatus = httpStatus;
            this.retryAfter = retryAfter;
        }

        public Integer httpStatus() {
            return httpStatus;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
