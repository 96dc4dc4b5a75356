package io.hourglass.celery;

import static org.awaitility.Awaitility.await;

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

    @Override
    void restartBroker() throws Exception {
        Services.run("rabbitmqctl", "-q", "stop_app");
        await("rabbitmq stopped").atMost(Duration.ofSeconds(60)).until(() -> !CeleryWorker.answers(5672));
        Services.run("rabbitmqctl", "-q", "start_app");
        Services.run("rabbitmqctl", "-q", "await_startup");
        await("rabbitmq answers").atMost(Duration.ofSeconds(60)).until(() -> CeleryWorker.answers(5672));
    }
}
