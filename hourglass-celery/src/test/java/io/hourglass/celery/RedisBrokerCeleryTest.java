package io.hourglass.celery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The executor against a real Celery worker consuming from Redis (kombu's Redis transport). */
class RedisBrokerCeleryTest extends CeleryWorkerContractTest {

    @Override
    String brokerUrl() {
        return CeleryWorker.REDIS_BROKER;
    }

    @Override
    String queue() {
        return "hourglass-test-redis";
    }

    @Override
    void restartBroker() throws Exception {
        Services.run("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave");
        await("redis stopped").atMost(Duration.ofSeconds(30)).until(() -> !CeleryWorker.answers(6379));
        Services.run("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
                "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log");
        await("redis answers").atMost(Duration.ofSeconds(30)).until(() -> CeleryWorker.answers(6379));
    }

    @Test
    void higherHourglassPriorityRunsFirstOnRedis() throws Exception {
        try (CeleryExecutor fireAndForget = CeleryExecutor.create(settings().fireAndForget(true).build())) {
            fireAndForget.execute(TestJobContext.of("sleep", List.of(1)));
            await("the worker is busy").atMost(Duration.ofSeconds(30))
                    .until(() -> worker.log().contains("Task sleep["));
            fireAndForget.execute(new TestJobContext("record", List.of("low"), Map.of(), null, 0));
            fireAndForget.execute(new TestJobContext("record", List.of("middle"), Map.of(), null, 5));
            fireAndForget.execute(new TestJobContext("record", List.of("high"), Map.of(), null, 9));
        }

        await("the worker ran all three").atMost(Duration.ofSeconds(30)).until(() -> worker.recorded().stream()
                .filter(line -> line.contains("low") || line.contains("middle") || line.contains("high")).count() == 3);
        assertThat(worker.recorded().stream().filter(line -> line.contains("\"kwargs\": {}")).toList())
                .containsSubsequence("{\"args\": [\"high\"], \"kwargs\": {}}",
                        "{\"args\": [\"middle\"], \"kwargs\": {}}", "{\"args\": [\"low\"], \"kwargs\": {}}");
    }
}
