package io.hourglass.celery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import java.util.List;
import org.junit.jupiter.api.Test;

import java.time.Duration;

/** The executor against a real Celery worker consuming from RabbitMQ. */
class AmqpBrokerCeleryTest extends CeleryWorkerContractTest {

    @Override
    String brokerUrl() {
        return CeleryWorker.AMQP_BROKER;
    }

    @Override
    String queue() {
        return "hourglass-test-amqp";
    }

    @Test
    void messageThatNoQueueWouldReceiveIsAnInfrastructureError() throws Exception {
        try (CeleryExecutor unroutable = CeleryExecutor.create(
                settings().exchange("amq.direct").routingKey("nobody-is-bound-here").build())) {
            ExecutionResult result = unroutable.execute(TestJobContext.of("add", List.of(1, 2)));

            assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
            assertThat(result.error()).contains("unroutable").contains("'amq.direct'").contains("'nobody-is-bound-here'");
        }
    }

    @Test
    void unknownExchangeIsAnInfrastructureError() throws Exception {
        try (CeleryExecutor noExchange = CeleryExecutor.create(settings().exchange("hourglass-no-such-exchange").build())) {
            ExecutionResult result = noExchange.execute(TestJobContext.of("add", List.of(1, 2)));

            assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
            assertThat(result.error()).contains("NOT_FOUND").contains("hourglass-no-such-exchange");
        }
    }

    @Override
    void restartBroker() throws Exception {
        Services.run("rabbitmqctl", "-q", "stop_app");
        await("rabbitmq stopped").atMost(Duration.ofSeconds(60)).until(() -> !CeleryWorker.answers(5672));
        Services.run("rabbitmqctl", "-q", "start_app");
        Services.run("rabbitmqctl", "-q", "await_startup");
        await("rabbitmq answers").atMost(Duration.ofSeconds(60)).until(() -> CeleryWorker.answers(5672));
    }
}
