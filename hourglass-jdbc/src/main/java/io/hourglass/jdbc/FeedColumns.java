package io.hourglass.jdbc;

import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedPoll;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A feed's definition as the JSON text of the {@code feeds.definition} column, written from an explicit map (absent
 * fields left out), and poll records as rows of {@code feed_polls}. Reading builds the {@link Feed} again, so a
 * stored definition is checked like a new one.
 */
final class FeedColumns {
    static final String FEED_COLUMNS = "name, definition, created_at, updated_at";
    static final String POLL_COLUMNS = "id, feed, job_id, attempt, status, http_status, items_seen, jobs_created,"
            + " duplicates, skipped, refused, refusals, error, started_at, finished_at";

    private FeedColumns() {
    }

    static Map<String, Object> definition(Feed feed) {
        Map<String, Object> map = new LinkedHashMap<>();
        put(map, "url", feed.url());
        put(map, "every", feed.every());
        put(map, "cron", feed.cron());
        put(map, "zone", feed.zone());
        put(map, "headers", feed.headers().isEmpty() ? null : feed.headers());
        put(map, "items", feed.items());
        put(map, "task", feed.task());
        if (feed.taskFrom() != null) {
            Map<String, Object> from = new LinkedHashMap<>();
            from.put("field", feed.taskFrom().field());
            from.put("map", feed.taskFrom().map());
            from.put("otherwise", feed.taskFrom().otherwise());
            map.put("taskFrom", from);
        }
        put(map, "kwargs", feed.kwargs());
        put(map, "args", feed.args().isEmpty() ? null : feed.args());
        put(map, "dedupKey", feed.dedupKey());
        put(map, "queue", feed.queue());
        put(map, "priority", feed.priority());
        put(map, "timeout", feed.timeout());
        put(map, "maxResponseBytes", feed.maxResponseBytes());
        return map;
    }

    @SuppressWarnings("unchecked")
    static Feed read(ResultSet rs, JsonCodec json) throws SQLException {
        String name = rs.getString("name");
        Map<String, Object> d = json.readObject(rs.getString("definition"), () -> "definition of feed '" + name + "'");
        Feed.TaskFrom taskFrom = null;
        if (d.get("taskFrom") instanceof Map<?, ?> from) {
            taskFrom = new Feed.TaskFrom((String) from.get("field"), (Map<String, String>) from.get("map"),
                    (String) from.get("otherwise"));
        }
        Number priority = (Number) d.get("priority");
        Number maxBytes = (Number) d.get("maxResponseBytes");
        return new Feed(name, (String) d.get("url"), (String) d.get("every"), (String) d.get("cron"),
                (String) d.get("zone"), (Map<String, String>) d.get("headers"), (String) d.get("items"),
                (String) d.get("task"), taskFrom, (Map<String, Object>) d.get("kwargs"), (List<Object>) d.get("args"),
                (String) d.get("dedupKey"), (String) d.get("queue"), priority == null ? null : priority.intValue(),
                (String) d.get("timeout"), maxBytes == null ? null : maxBytes.longValue(),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    static List<Map<String, Object>> refusals(List<FeedPoll.Refusal> refusals) {
        List<Map<String, Object>> list = new ArrayList<>();
        refusals.forEach(r -> list.add(Map.of("index", r.index(), "reason", r.reason())));
        return list;
    }

    static FeedPoll poll(ResultSet rs, JsonCodec json) throws SQLException {
        long id = rs.getLong("id");
        List<FeedPoll.Refusal> refusals = new ArrayList<>();
        for (Object item : json.readList(rs.getString("refusals"), () -> "refusals of feed poll " + id)) {
            Map<?, ?> map = (Map<?, ?>) item;
            refusals.add(new FeedPoll.Refusal(((Number) map.get("index")).intValue(), (String) map.get("reason")));
        }
        long jobId = rs.getLong("job_id");
        Long job = rs.wasNull() ? null : jobId;
        return new FeedPoll(id, rs.getString("feed"), job, rs.getInt("attempt"),
                FeedPoll.Status.valueOf(rs.getString("status").toUpperCase(java.util.Locale.ROOT)),
                Sql.integer(rs, "http_status"), rs.getInt("items_seen"), rs.getInt("jobs_created"),
                rs.getInt("duplicates"), rs.getInt("skipped"), rs.getInt("refused"), refusals, rs.getString("error"),
                Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"));
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
