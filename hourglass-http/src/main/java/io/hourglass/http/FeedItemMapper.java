package io.hourglass.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.InvalidRequestException;
import io.hourglass.feed.Feed;
import io.hourglass.feed.FeedDocument;
import io.hourglass.feed.FeedTemplates;
import io.hourglass.job.JobRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps one feed's items to job requests with Jackson's {@link JsonPointer}: the task (fixed, or by a field's value),
 * kwargs, args and dedup key from the feed's templates. Each item is mapped on its own: an item that cannot become
 * a job (a missing field, a value with no task, a request the job rules refuse) is refused with the reason, and the
 * others go on. Templates and pointers are parsed once per mapper (one per read), not once per item.
 */
final class FeedItemMapper {
    private final Feed feed;
    private final ObjectMapper json;
    private final Map<String, List<FeedTemplates.Part>> templates = new HashMap<>();
    private final Map<String, JsonPointer> pointers = new HashMap<>();

    /** Why an item is refused; carries no stack trace, as it is an expected answer. */
    private static final class Refusal extends RuntimeException {
        Refusal(String reason) {
            super(reason, null, false, false);
        }
    }

    FeedItemMapper(Feed feed, ObjectMapper json) {
        this.feed = feed;
        this.json = json;
    }

    FeedDocument.Item map(int index, JsonNode item) {
        try {
            String task = feed.task();
            if (task == null) {
                JsonNode value = item.at(pointer(feed.taskFrom().field()));
                if (value.isContainerNode()) {
                    throw new Refusal("taskFrom.field " + feed.taskFrom().field() + " is "
                            + (value.isArray() ? "an array" : "an object") + ", not a value");
                }
                String text = value.isMissingNode() || value.isNull() ? null : value.asText();
                task = feed.taskFrom().taskFor(text);
                String said = text == null ? "has no " + feed.taskFrom().field()
                        : feed.taskFrom().field() + " '" + text + "' is not in taskFrom.map "
                                + new java.util.TreeSet<>(feed.taskFrom().map().keySet());
                if (task.equals(Feed.TaskFrom.SKIP)) {
                    return new FeedDocument.Skipped(index, "item " + said + " (otherwise: skip)");
                }
                if (task.equals(Feed.TaskFrom.ERROR)) {
                    throw new Refusal("item " + said);
                }
            }
            Object kwargs = render("kwargs", feed.kwargsTemplate(), item);
            if (!(kwargs instanceof Map<?, ?>)) {
                throw new Refusal("kwargs: the item is not a JSON object, so it cannot be the kwargs; set 'kwargs'"
                        + " to a template such as {\"value\": \"${/}\"}");
            }
            JobRequest.Builder request = JobRequest.of(task).kwargs(asMap(kwargs))
                    .args((List<?>) render("args", feed.args(), item));
            if (feed.dedupKey() != null) {
                request.dedupKey(text("dedupKey", feed.dedupKey(), item));
            }
            if (feed.queue() != null) {
                request.queue(feed.queue());
            }
            if (feed.priority() != null) {
                request.priority(feed.priority());
            }
            return new FeedDocument.Mapped(index, request.build());
        } catch (Refusal e) {
            return new FeedDocument.Refused(index, e.getMessage());
        } catch (InvalidRequestException e) {
            return new FeedDocument.Refused(index, e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> asMap(Object kwargs) {
        return (Map<String, ?>) kwargs;
    }

    /** A template with the item's fields put in: strings are templates, maps and lists are walked. */
    private Object render(String field, Object template, JsonNode item) {
        if (template instanceof String text) {
            List<FeedTemplates.Part> parts = parts(field, text);
            if (parts.size() == 1 && parts.get(0) instanceof FeedTemplates.Field whole) {
                return value(field, item, whole.pointer()); // keeps the field's JSON type
            }
            return text(field, text, item);
        }
        if (template instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, value) -> out.put(String.valueOf(key), render(field + "." + key, value, item)));
            return out;
        }
        if (template instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(render(field + "[" + i + "]", list.get(i), item));
            }
            return out;
        }
        return template;
    }

    /** A template rendered as text: values as their text, null as empty, objects and arrays as JSON. */
    private String text(String field, String template, JsonNode item) {
        StringBuilder out = new StringBuilder();
        for (FeedTemplates.Part part : parts(field, template)) {
            if (part instanceof FeedTemplates.Literal literal) {
                out.append(literal.text());
            } else {
                JsonNode node = node(field, item, ((FeedTemplates.Field) part).pointer());
                out.append(node.isNull() ? "" : node.isValueNode() ? node.asText() : node.toString());
            }
        }
        return out.toString();
    }

    private Object value(String field, JsonNode item, String pointer) {
        try {
            return json.treeToValue(node(field, item, pointer), Object.class);
        } catch (JsonProcessingException e) {
            throw new Refusal(field + ": " + e.getOriginalMessage());
        }
    }

    private JsonNode node(String field, JsonNode item, String pointer) {
        JsonNode node = item.at(pointer(pointer));
        if (node.isMissingNode()) {
            throw new Refusal(field + ": item has no field " + pointer);
        }
        return node;
    }

    private List<FeedTemplates.Part> parts(String field, String template) {
        return templates.computeIfAbsent(template, t -> FeedTemplates.parse(field, t));
    }

    private JsonPointer pointer(String pointer) {
        return pointers.computeIfAbsent(pointer, JsonPointer::compile);
    }
}
