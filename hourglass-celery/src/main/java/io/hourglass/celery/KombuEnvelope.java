package io.hourglass.celery;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON envelope kombu's Redis transport keeps in a queue's list, and the list a message goes to.
 *
 * <p>Priorities on Redis (kombu 5.2, {@code kombu/transport/redis.py}): a message's {@code properties.priority}
 * (0..9) is rounded down to one of the steps 0, 3, 6, 9, and the message is pushed to {@code <queue>} for step 0 or
 * {@code <queue>\x06\x16<step>} otherwise. The worker drains the lists in step order, so on Redis a LOWER number runs
 * first. Hourglass priorities are the other way round (higher runs first), so the Hourglass priority p is sent as
 * kombu priority {@code 9 - clamp(p, 0, 9)}: priority 9 or more lands in the plain list and runs first.
 */
final class KombuEnvelope {
    static final String PRIORITY_SEPARATOR = "\u0006\u0016";
    static final int MAX_PRIORITY = 9;
    private static final int[] PRIORITY_STEPS = {0, 3, 6, 9};

    private KombuEnvelope() {
    }

    /** kombu's priority for an Hourglass priority: inverted, since kombu's Redis transport runs lower first. */
    static int kombuPriority(int hourglassPriority) {
        return MAX_PRIORITY - Math.max(0, Math.min(MAX_PRIORITY, hourglassPriority));
    }

    /** The Redis list kombu reads a message of this kombu priority from. */
    static String listFor(String queue, int kombuPriority) {
        int step = 0;
        for (int candidate : PRIORITY_STEPS) {
            if (candidate <= kombuPriority) {
                step = candidate;
            }
        }
        return step == 0 ? queue : queue + PRIORITY_SEPARATOR + step;
    }

    /** The envelope as kombu's Redis transport stores it; {@code deliveryTag} must be unique per message. */
    static Map<String, Object> of(CeleryMessage message, int kombuPriority, String deliveryTag) {
        Map<String, Object> deliveryInfo = new LinkedHashMap<>();
        deliveryInfo.put("exchange", message.exchange());
        deliveryInfo.put("routing_key", message.routingKey());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("correlation_id", message.taskId());
        properties.put("reply_to", null);
        properties.put("delivery_mode", 2);
        properties.put("delivery_info", deliveryInfo);
        properties.put("priority", kombuPriority);
        properties.put("body_encoding", "base64");
        properties.put("delivery_tag", deliveryTag);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("body", Base64.getEncoder().encodeToString(message.body()));
        envelope.put("content-encoding", CeleryMessage.CONTENT_ENCODING);
        envelope.put("content-type", CeleryMessage.CONTENT_TYPE);
        envelope.put("headers", message.headers());
        envelope.put("properties", properties);
        return envelope;
    }
}
