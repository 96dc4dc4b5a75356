package io.hourglass.celery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.executor.ExecutionResult;
import java.io.IOException;
import java.util.Set;

/**
 * A task's state as the Redis result backend stores it under {@code celery-task-meta-<id>}, and what it means to
 * Hourglass: SUCCESS succeeded, FAILURE failed (an unregistered task name said plainly), REVOKED cancelled.
 *
 * @param status    Celery's state name (PENDING, STARTED, RETRY, SUCCESS, FAILURE, REVOKED, ...)
 * @param result    the task's return value, or for failures and revocations the exception as
 *                  {@code {exc_type, exc_message, exc_module}}
 * @param traceback the Python traceback of a failure, or null
 */
record CeleryResult(String status, JsonNode result, String traceback) {

    /** States after which Celery writes nothing more for the task (celery.states.READY_STATES plus IGNORED). */
    private static final Set<String> FINAL_STATES = Set.of("SUCCESS", "FAILURE", "REVOKED", "IGNORED");

    static CeleryResult parse(ObjectMapper json, String text) throws IOException {
        JsonNode node = json.readTree(text);
        JsonNode traceback = node.path("traceback");
        return new CeleryResult(node.path("status").asText(""), node.path("result"),
                traceback.isTextual() ? traceback.asText() : null);
    }

    boolean isFinal() {
        return FINAL_STATES.contains(status);
    }

    /** The attempt's result; {@code describeTask} names the task in errors, e.g. "celery task 'add' (id ...)". */
    ExecutionResult toExecutionResult(String celeryTask, String taskId) {
        String task = "celery task '" + celeryTask + "' (id " + taskId + ")";
        return switch (status) {
            case "SUCCESS" -> ExecutionResult.succeeded();
            case "FAILURE" -> "NotRegistered".equals(exceptionType())
                    ? ExecutionResult.failed("task '" + celeryTask + "' is not registered on any worker (celery task id "
                            + taskId + ")")
                    : ExecutionResult.failed(task + " failed: " + exceptionType() + ": " + exceptionMessage()
                            + (traceback == null ? "" : "\n" + traceback));
            case "REVOKED" -> ExecutionResult.cancelled(task + " was revoked by Celery: " + exceptionMessage());
            default -> ExecutionResult.failed(task + " ended in Celery state " + status + ": " + result);
        };
    }

    /** The exception's Python type name, e.g. "ValueError", or "" when the result is not an exception. */
    String exceptionType() {
        return result.path("exc_type").asText("");
    }

    /** The exception's message; Celery stores its args, usually a one-element list. */
    String exceptionMessage() {
        JsonNode message = result.path("exc_message");
        if (message.isArray() && message.size() == 1) {
            return message.get(0).isTextual() ? message.get(0).asText() : message.get(0).toString();
        }
        return message.isTextual() ? message.asText() : message.toString();
    }
}
