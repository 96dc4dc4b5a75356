package io.hourglass.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A console page left open does not hold up the application's stop: Boot's graceful shutdown waits for open
 * requests, and a console page's event stream is one that never ends by itself.
 */
class ConsoleStreamsAtStopTest {
    @Test
    void anOpenConsoleStreamEndsAsTheApplicationBeginsToStop() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(SecuredApp.class).properties(
                "server.port=0", "server.shutdown=graceful", "spring.lifecycle.timeout-per-shutdown-phase=60s",
                "hourglass.web.enabled=true").run();
        CompletableFuture<Void> stopping = null;
        try {
            int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
            WebClient ops = WebClient.as(port, "ops", SecuredApp.PASSWORD);
            ops.page("/hourglass/console"); // opens the console session, as the page does before its stream
            WebClient.EventStream stream = ops.events("/hourglass/console/live?view=overview");
            assertThat(stream.status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.sawEvent("overview-summary"));

            stopping = CompletableFuture.runAsync(app::close);

            // Well inside the 60 s grace period a stream still open at the stop would make the shutdown wait for.
            await().atMost(Duration.ofSeconds(20)).until(stream::ended);
            assertThat(stopping).succeedsWithin(Duration.ofSeconds(30));
        } finally {
            if (stopping == null) {
                app.close();
            }
        }
    }
}
