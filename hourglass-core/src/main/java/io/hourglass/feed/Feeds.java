package io.hourglass.feed;

import io.hourglass.InvalidRequestException;
import io.hourglass.NotFoundException;
import io.hourglass.job.EnqueueResult;
import java.util.List;
import java.util.Optional;

/**
 * Feeds as a client sees them ({@code HourglassClient.feeds()}): define, read, delete, poll now, preview, and the
 * recent polls of each. Every node of a cluster sees the same feeds; each poll runs once in the cluster.
 */
public interface Feeds {

    /**
     * Creates or replaces a feed (matched by name) and its schedule ({@link Feed#scheduleName()}), which fires
     * its polls from then on; a replaced feed keeps its validators only while its URL is unchanged.
     *
     * @throws InvalidRequestException naming the field, such as {@code taskFrom.map.coned} for a task nothing runs
     */
    Feed define(Feed feed);

    Optional<Feed> feed(String name);

    /** Every feed, by name. */
    List<Feed> feeds();

    /** Deletes a feed, its schedule and its poll records; jobs it created are left alone. False when there was none. */
    boolean delete(String name);

    /**
     * Polls now: enqueues a poll job due now (through the feed's schedule, so it shows in its history), whatever
     * the schedule's timing.
     *
     * @throws NotFoundException for an unknown feed
     */
    EnqueueResult poll(String name);

    /**
     * Fetches and maps the feed once on this node (an unconditional GET), creating nothing.
     *
     * @throws NotFoundException for an unknown feed
     * @throws FeedReader.FeedUnavailableException when no usable document came
     */
    FeedPreview preview(String name);

    /** As {@link #preview(String)} for a definition not saved yet. */
    FeedPreview preview(Feed feed);

    /**
     * The latest polls of a feed, newest first.
     *
     * @throws NotFoundException for an unknown feed
     */
    List<FeedPoll> polls(String name, int limit);
}
