package io.hourglass.server.console.feeds;

import io.hourglass.HourglassClient;
import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedPoll;
import io.hourglass.schedule.Schedule;
import java.time.Instant;
import java.util.List;

/**
 * A feed as the console lists it: its definition, its latest poll (null before the first) and when its schedule
 * polls next, all read through {@code HourglassClient.feeds()} and the feed's own schedule.
 */
public record FeedRow(Feed feed, FeedPoll lastPoll, Instant nextPollAt) {

    static FeedRow of(HourglassClient client, Feed feed) {
        List<FeedPoll> last = client.feeds().polls(feed.name(), 1);
        return new FeedRow(feed, last.isEmpty() ? null : last.get(0),
                client.schedule(feed.scheduleName()).map(Schedule::nextFireAt).orElse(null));
    }

    /** "every 5m" or "cron 0 * * * * (Europe/Amsterdam)". */
    public String timing() {
        return feed.every() != null ? "every " + feed.every()
                : "cron " + feed.cron() + " (" + feed.zoneId().getId() + ")";
    }

    /** The fixed task, or "by /field" for a task chosen per item. */
    public String task() {
        return feed.task() != null ? feed.task() : "by " + feed.taskFrom().field() + ": " + feed.taskFrom().map()
                + (feed.taskFrom().otherwise() == null ? "" : ", otherwise " + feed.taskFrom().otherwise());
    }

    /** The last poll's counts in one line, or "not polled yet". */
    public String lastCounts() {
        if (lastPoll == null) {
            return "not polled yet";
        }
        return lastPoll.itemsSeen() + " seen, " + lastPoll.jobsCreated() + " created, " + lastPoll.duplicates()
                + " duplicates, " + lastPoll.skipped() + " skipped, " + lastPoll.refused() + " refused";
    }
}
