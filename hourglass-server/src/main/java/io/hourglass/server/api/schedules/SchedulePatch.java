package io.hourglass.server.api.schedules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hourglass.InvalidRequestException;
import io.hourglass.schedule.Schedule;
import io.hourglass.server.http.JsonBodies;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A partial edit of a schedule ({@code PATCH /api/v1/schedules/{name}}) with JSON merge-patch semantics (RFC 7396):
 * the stored definition, in the shape a client sends it ({@link ScheduleBody}), is patched field by field (a
 * given field replaces, {@code null} clears, objects such as {@code kwargs} merge key by key), and the result is
 * read and validated as a whole, exactly like a {@code PUT} of it.
 *
 * <p>Two rules beyond RFC 7396, so that a patch cannot leave a definition no request could have made: giving one
 * of {@code cron}, {@code every} or {@code once} replaces the schedule's kind (the other two are cleared, and the
 * zone too unless the new kind is a cron), and {@code name}, {@code task} and {@code enabled} cannot be cleared.
 * A {@code matrix} given is replaced whole, not merged: its keys, {@code exclude} and {@code include} only make
 * sense together (an exclude naming a value the patch removed would be refused).
 */
final class SchedulePatch {
    private static final List<String> SPEC_FIELDS = List.of("cron", "every", "once");
    private static final Set<String> NOT_CLEARABLE = Set.of("name", "task", "enabled");
    /** The fields a definition is sent with; run state (next fire time, run count...) is not among them. */
    private static final Set<String> DEFINITION = Arrays.stream(ScheduleBody.class.getRecordComponents())
            .map(c -> c.getName()).collect(Collectors.toUnmodifiableSet());

    private SchedulePatch() {
    }

    /** The definition {@code current} becomes with {@code patch} applied, not yet validated. */
    static ScheduleBody apply(Schedule current, ObjectNode patch, JsonBodies bodies) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            InvalidRequestException.require(!(NOT_CLEARABLE.contains(field.getKey()) && field.getValue().isNull()),
                    field.getKey(), "cannot be cleared with null; give a value or leave it out");
        }
        ObjectNode target = bodies.tree(ScheduleView.of(current));
        target.retain(DEFINITION);
        String kind = SPEC_FIELDS.stream().filter(f -> patch.hasNonNull(f)).findFirst().orElse(null);
        if (kind != null) {
            SPEC_FIELDS.stream().filter(f -> !f.equals(kind)).forEach(target::remove);
            if (!kind.equals("cron")) {
                target.remove("zone"); // a cron keeps its zone unless the patch gives one
            }
        }
        if (patch.hasNonNull("matrix")) {
            target.remove("matrix");
        }
        return bodies.convert(merge(target, patch), ScheduleBody.class);
    }

    /** RFC 7396: objects merge recursively, null removes, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : ((ObjectNode) patch).objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
