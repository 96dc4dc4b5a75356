package io.hourglass.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.testing.RecordingJobContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outcome mapping against a real HTTP server on the loopback interface. */
class WebhookExecutorTest {
    private TestServer server;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-job-runner"));

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
        runner.shutdownNow();
    }

    private static RecordingJobContext job(Map<String, Object> kwargs) {
        return new RecordingJobContext(7, "notify", List.of(), kwargs, null);
    }

    private ExecutionResult run(WebhookSettings settings, RecordingJobContext job) {
        return new WebhookExecutor(settings).execute(job);
    }

    @Test
    void okResponseSucceedsAndCapturesTheBody() {
        RecordingJobContext job = job(Map.of());
        ExecutionResult result = run(WebhookSettings.builder(server.url("/hook")).build(), job);

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(job.output()).isEqualTo("ok");
        assertThat(server.last().method()).isEqualTo("POST");
        assertThat(server.last().header("X-Hourglass-Job-Id")).isEqualTo("7");
    }

    @Test
    void createdSucceedsWhenItIsAnExpectedStatus() {
        RecordingJobContext job = job(Map.of());
        WebhookSettings settings = WebhookSettings.builder(server.url("/status/201")).expectedStatus(201).build();

        assertThat(run(settings, job).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(job.output()).isEqualTo("answer with 201");
    }

    @Test
    void okFailsWhenOnlyCreatedIsExpected() {
        WebhookSettings settings = WebhookSettings.builder(server.url("/status/200")).expectedStatus(201).build();

        ExecutionResult result = run(settings, job(Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("HTTP 200", "not an expected status [201]");
    }

    @Test
    void notFoundFailsWithStatusAndBodyTail() {
        ExecutionResult result = run(WebhookSettings.builder(server.url("/status/404")).build(), job(Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("HTTP 404", "/status/404", "answer with 404");
    }

    @Test
    void serviceUnavailableIsAnInfrastructureError() {
        ExecutionResult result = run(WebhookSettings.builder(server.url("/status/503")).build(), job(Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.error()).contains("HTTP 503", "answer with 503");
    }

    @Test
    void refusedConnectionIsAnInfrastructureError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WebhookSettings settings = WebhookSettings.builder("http://127.0.0.1:" + closedPort + "/hook").build();

        ExecutionResult result = run(settings, job(Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.error()).contains("could not reach", "127.0.0.1:" + closedPort);
    }

    @Test
    void unknownHostIsAnInfrastructureError() {
        WebhookSettings settings = WebhookSettings.builder("http://no-such-host.invalid/hook").build();

        ExecutionResult result = run(settings, job(Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
        assertThat(result.error()).contains("no-such-host.invalid");
    }

    @Test
    void tlsHandshakeFailureIsAnInfrastructureError() throws Exception {
        // A server that answers a TLS client hello with plain text, as a misconfigured port would.
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> answerInPlainText(plain), runner);
            WebhookSettings settings = WebhookSettings.builder("https://127.0.0.1:" + plain.getLocalPort() + "/hook")
                    .connectTimeout(Duration.ofSeconds(5)).build();

            ExecutionResult result = run(settings, job(Map.of()));

            assertThat(result.outcome()).isEqualTo(Outcome.INFRA_ERROR);
            assertThat(result.error()).contains("could not reach POST https://127.0.0.1", "SSL");
        }
    }

    private static void answerInPlainText(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.getInputStream().read(new byte[512]);
            socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // The client gave up first: the test checks what it saw.
        }
    }

    @Test
    void slowServerPastTheTimeoutTimesOut() {
        WebhookSettings settings = WebhookSettings.builder(server.url("/slow")).timeout(Duration.ofMillis(300)).build();

        ExecutionResult result = run(settings, job(Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(result.error()).contains("/slow", "PT0.3S");
    }

    @Test
    void bodyThatStallsAfterTheHeadersTimesOutAndTheConnectionIsClosed() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            WebhookSettings settings = WebhookSettings.builder("http://127.0.0.1:" + raw.getLocalPort() + "/hook")
                    .timeout(Duration.ofMillis(500)).build();
            CompletableFuture<ExecutionResult> result = CompletableFuture.supplyAsync(
                    () -> run(settings, job(Map.of())), runner);
            try (Socket connection = raw.accept()) {
                connection.setSoTimeout(10_000);
                assertThat(connection.getInputStream().read(new byte[8192])).isPositive();
                // Headers at once, then a tenth of the promised body, then nothing.
                connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
                        + "x".repeat(100)).getBytes(StandardCharsets.US_ASCII));
                connection.getOutputStream().flush();

                assertThat(result).succeedsWithin(Duration.ofSeconds(20));
                assertThat(result.join().outcome()).isEqualTo(Outcome.TIMED_OUT);
                assertThat(result.join().error()).contains("/hook", "PT0.5S");
                // The end of the stream (not the socket timeout): the client closed the connection it gave up on.
                assertThatCode(() -> connection.getInputStream().readAllBytes()).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void jobDeadlineSoonerThanTheTimeoutWins() {
        RecordingJobContext job = new RecordingJobContext(7, "notify", List.of(), Map.of(),
                Instant.now().plusMillis(300));
        WebhookSettings settings = WebhookSettings.builder(server.url("/slow")).timeout(Duration.ofMinutes(5)).build();

        assertThat(run(settings, job).outcome()).isEqualTo(Outcome.TIMED_OUT);
    }

    @Test
    void cancellingASlowCallAbortsItAsCancelled() {
        RecordingJobContext job = job(Map.of());
        WebhookSettings settings = WebhookSettings.builder(server.url("/slow")).build();
        CompletableFuture<ExecutionResult> result = CompletableFuture.supplyAsync(() -> run(settings, job), runner);
        await().atMost(Duration.ofSeconds(30)).until(() -> server.slowArrived.get() == 1);

        job.requestStop(true);

        assertThat(result.join().outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.join().error()).contains("aborted");
    }

    @Test
    void cancellingClosesTheConnectionToTheReceiver() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            RecordingJobContext job = job(Map.of());
            WebhookSettings settings = WebhookSettings.builder("http://127.0.0.1:" + raw.getLocalPort() + "/hook").build();
            CompletableFuture<ExecutionResult> result = CompletableFuture.supplyAsync(() -> run(settings, job), runner);
            try (Socket connection = raw.accept()) {
                connection.setSoTimeout(10_000);
                assertThat(connection.getInputStream().read(new byte[8192])).isPositive();

                job.requestStop(true);

                assertThat(result.join().outcome()).isEqualTo(Outcome.CANCELLED);
                // Reaching the end of the stream (rather than the socket timeout) shows the client closed the
                // connection instead of leaving the call hanging.
                assertThatCode(() -> connection.getInputStream().readAllBytes()).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void aStopAfterTheCallEndedNeverInterruptsTheThreadsNextWork() {
        RecordingJobContext job = job(Map.of());
        assertThat(run(WebhookSettings.builder(server.url("/hook")).build(), job).outcome())
                .isEqualTo(Outcome.SUCCEEDED);

        job.requestStop(true); // runs the stop actions on this thread, the one that made the call

        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void engineTimeoutOfASlowCallIsTimedOut() {
        RecordingJobContext job = job(Map.of());
        WebhookSettings settings = WebhookSettings.builder(server.url("/slow")).build();
        CompletableFuture<ExecutionResult> result = CompletableFuture.supplyAsync(() -> run(settings, job), runner);
        await().atMost(Duration.ofSeconds(30)).until(() -> server.slowArrived.get() == 1);

        job.requestStop(false);

        assertThat(result.join().outcome()).isEqualTo(Outcome.TIMED_OUT);
    }

    @Test
    void longResponseIsCutAndFlagged() {
        RecordingJobContext job = job(Map.of());
        WebhookSettings settings = WebhookSettings.builder(server.url("/big/5000")).maxResponseChars(10).build();

        assertThat(run(settings, job).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(job.output()).startsWith("xxxxxxxxxx\n[response truncated: kept 10 chars of 5000 bytes]");
    }

    @Test
    void shortResponseIsNotFlagged() {
        RecordingJobContext job = job(Map.of());
        run(WebhookSettings.builder(server.url("/big/10")).maxResponseChars(10).build(), job);

        assertThat(job.output()).isEqualTo("xxxxxxxxxx");
    }

    @Test
    void redirectIsReportedNotFollowed() {
        ExecutionResult result = run(WebhookSettings.builder(server.url("/status/302")).build(), job(Map.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("HTTP 302");
    }
}
