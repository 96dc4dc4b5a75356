package io.hourglass.celery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import org.junit.jupiter.api.Test;

/** Result-backend documents as the reference shows them, mapped to outcomes. */
class CeleryResultTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ExecutionResult map(String stored) throws Exception {
        return CeleryResult.parse(JSON, stored).toExecutionResult("tasks.add", "id-1");
    }

    @Test
    void successSucceeds() throws Exception {
        CeleryResult result = CeleryResult.parse(JSON,
                "{\"status\":\"SUCCESS\",\"result\":9,\"traceback\":null,\"children\":[],\"task_id\":\"id-1\"}");
        assertThat(result.isFinal()).isTrue();
        assertThat(result.toExecutionResult("tasks.add", "id-1").outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(result.result().toString()).isEqualTo("9");
    }

    @Test
    void startedIsNotFinal() throws Exception {
        assertThat(CeleryResult.parse(JSON, "{\"status\":\"STARTED\",\"result\":{\"pid\":1}}").isFinal()).isFalse();
    }

    @Test
    void failureCarriesTypeMessageAndTraceback() throws Exception {
        ExecutionResult result = map("{\"status\":\"FAILURE\",\"result\":{\"exc_type\":\"ValueError\","
                + "\"exc_message\":[\"bad\"],\"exc_module\":\"builtins\"},\"traceback\":\"Traceback ...\"}");
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).isEqualTo("celery task 'tasks.add' (id id-1) failed: ValueError: bad\nTraceback ...");
    }

    @Test
    void notRegisteredSaysNoWorkerHasTheTask() throws Exception {
        ExecutionResult result = map("{\"status\":\"FAILURE\",\"result\":{\"exc_type\":\"NotRegistered\","
                + "\"exc_message\":[\"'tasks.add'\"],\"exc_module\":\"celery.exceptions\"},\"traceback\":null}");
        assertThat(result.error()).isEqualTo("task 'tasks.add' is not registered on any worker (celery task id id-1)");
    }

    @Test
    void revokedIsCancelled() throws Exception {
        ExecutionResult result = map("{\"status\":\"REVOKED\",\"result\":{\"exc_type\":\"TaskRevokedError\","
                + "\"exc_message\":[\"expired\"],\"exc_module\":\"celery.exceptions\"},\"traceback\":null}");
        assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.error()).endsWith("revoked by Celery: expired");
    }
}
