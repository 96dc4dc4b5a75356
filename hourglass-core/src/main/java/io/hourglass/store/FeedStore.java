package io.hourglass.store;

import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedDocument;
import io.hourglass.feed.FeedPoll;
import java.util.List;
import java.util.Optional;

/**
 * The store's part for feeds ({@link Store#feeds()}): the definitions, the validators of their last poll
 * (ETag / Last-Modified, for conditional GETs) and their recent polls.
 */
public interface FeedStore {

    /**
     * Inserts or replaces a feed and returns it as stored, with its first save time kept and {@code updatedAt}
     * set to {@code feed.updatedAt()}. Replacing it with another URL forgets its validators.
     */
    Feed save(Feed feed);

    /** Deletes a feed with its poll records; false when there was none. */
    boolean delete(String name);

    Optional<Feed> find(String name);

    /** Every feed, by name. */
    List<Feed> findAll();

    /** The validators the last successful poll stored, or {@link FeedDocument.Validators#NONE}. */
    FeedDocument.Validators validators(String name);

    /**
     * Records a poll (its id is the store's) and, when {@code validators} is not null, stores them as the feed's;
     * keeps only the latest {@link FeedPoll#KEPT_PER_FEED} polls of the feed. A poll of a feed deleted meanwhile
     * records nothing.
     */
    void recordPoll(FeedPoll poll, FeedDocument.Validators validators);

    /** The latest polls of a feed, newest first. */
    List<FeedPoll> polls(String name, int limit);
}
