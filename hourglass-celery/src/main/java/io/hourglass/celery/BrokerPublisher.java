package io.hourglass.celery;

import io.hourglass.executor.InfrastructureException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hands Celery messages to one broker and sends it control commands. Thread-safe. */
interface BrokerPublisher extends AutoCloseable {

    /** Celery's control exchange (kombu's pidbox for the mailbox named "celery"). */
    String PIDBOX_EXCHANGE = "celery.pidbox";

    /** Publishes the message and returns once the broker has it; throws when the broker cannot be reached. */
    void publish(CeleryMessage message) throws InfrastructureException;

    /**
     * Broadcasts a {@code revoke} for the task to every worker: a worker that has not started it drops it (and
     * stores REVOKED); one already running it lets it finish, since terminating needs a prefork pool.
     */
    void revoke(String taskId) throws InfrastructureException;

    @Override
    void close();

    /** The body of a pidbox {@code revoke} broadcast, as kombu's {@code Mailbox._publish} writes it. */
    static Map<String, Object> revokeCommand(String taskId) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("task_id", taskId);
        arguments.put("terminate", false);
        arguments.put("signal", "TERM");
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("method", "revoke");
        command.put("arguments", arguments);
        command.put("destination", null);
        command.put("pattern", null);
        command.put("matcher", null);
        return command;
    }
}
