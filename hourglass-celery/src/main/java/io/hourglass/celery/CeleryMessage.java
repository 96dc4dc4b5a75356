package io.hourglass.celery;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One Celery task message (protocol v2), independent of the broker that carries it.
 *
 * @param taskId     the Celery task id (also the AMQP correlation id and the result key's suffix)
 * @param headers    the protocol headers, in Celery's order
 * @param body       the JSON body {@code [args, kwargs, embed]}, UTF-8
 * @param priority   the job's priority, not yet mapped to a broker's scale
 * @param exchange   the exchange to publish to ("" for the default exchange)
 * @param routingKey the routing key (for Redis: the queue's list)
 */
record CeleryMessage(String taskId, Map<String, Object> headers, byte[] body, int priority, String exchange,
                     String routingKey) {

    static final String CONTENT_TYPE = "application/json";
    static final String CONTENT_ENCODING = "utf-8";

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
