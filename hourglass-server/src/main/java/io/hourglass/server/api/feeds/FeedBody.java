package io.hourglass.server.api.feeds;

import io.hourglass.InvalidRequestException;
import io.hourglass.feed.Feed;
import java.util.List;
import java.util.Map;

/**
 * A feed definition as a client sends it to {@code PUT /api/v1/feeds/{name}} (see docs/feeds.md). Required:
 * {@code url}, one of {@code every} and {@code cron}, one of {@code task} and {@code taskFrom}. Everything is
 * checked by {@link Feed}, which names the field at fault (a 400); tasks nothing runs are a 422.
 *
 * @param name optional; when given it must be the name in the path
 */
record FeedBody(
        String name,
        String url,
        String every,
        String cron,
        String zone,
        Map<String, String> headers,
        String items,
        String task,
        TaskFromBody taskFrom,
        Map<String, Object> kwargs,
        List<Object> args,
        String dedupKey,
        String queue,
        Integer priority,
        String timeout,
        Long maxResponseBytes) {

    /** The task by an item field's value: {@code field} (a JSON Pointer), {@code map}, {@code otherwise}. */
    record TaskFromBody(String field, Map<String, String> map, String otherwise) {
    }

    /**
     * @throws InvalidRequestException naming the field at fault
     */
    Feed toFeed(String pathName) {
        InvalidRequestException.require(name == null || name.equals(pathName), "name",
                "the body names '" + name + "' but the path names '" + pathName + "'");
        Feed.TaskFrom from = taskFrom == null ? null
                : new Feed.TaskFrom(taskFrom.field(), taskFrom.map(), taskFrom.otherwise());
        return new Feed(pathName, url, every, cron, zone, headers, items, task, from, kwargs, args, dedupKey, queue,
                priority, timeout, maxResponseBytes, null, null);
    }
}
