package io.hourglass.feed;

import io.hourglass.job.JobRequest;
import java.util.List;

/**
 * What a {@link FeedReader} made of one fetch: either "not modified" (a 304 to a conditional GET) or the items,
 * each already mapped to a job request or refused with a reason, plus the validators to send next time.
 *
 * @param notModified true for a 304; then {@code items} is empty
 * @param httpStatus  the response's status
 * @param validators  the ETag / Last-Modified to send with the next poll
 * @param items       one per item of the document, in document order
 */
public record FeedDocument(boolean notModified, int httpStatus, Validators validators, List<Item> items) {

    public FeedDocument {
        validators = validators == null ? Validators.NONE : validators;
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** A 304: nothing changed. */
    public static FeedDocument unchanged(int status, Validators validators) {
        return new FeedDocument(true, status, validators, List.of());
    }

    /** What one item became: a job request, a skip, or a refusal with its reason. */
    public sealed interface Item permits Mapped, Skipped, Refused {
        int index();
    }

    public record Mapped(int index, JobRequest request) implements Item {
    }

    public record Skipped(int index, String reason) implements Item {
    }

    public record Refused(int index, String reason) implements Item {
    }

    /** The validators of a conditional GET; either may be null. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);
    }
}
