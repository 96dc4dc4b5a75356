package io.hourglass.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.JobExecutor;
import io.hourglass.task.JobContext;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job by calling an HTTP endpoint (a webhook) and judging the response; see {@link WebhookSettings} for the
 * request and {@code docs/executors.md} for the outcome table.
 *
 * <p>Why it works this way: one {@link HttpClient} per executor, so connections to the endpoint are pooled across
 * jobs. The call is the client's blocking {@code send} on the job's thread, which runs the exchange inline until it
 * has to wait for the socket. {@code sendAsync} hands every exchange to the client's executor and, once it is
 * answered, to {@code CompletableFuture}'s default pool, which on a machine with two CPUs or fewer is a new thread
 * per task: a thread started per job (on two cores the webhook burst ran 60 to 127% more jobs a second with
 * {@code send}; docs/benchmarks.md). A stop (cancel, the engine's timeout, shutdown) and the sooner of the
 * settings' timeout and the job's deadline interrupt the call ({@link CallInterrupter}), which makes the client
 * abort the exchange and close its connection, also when the body trickles in after the headers (the request
 * timeout of the JDK client only covers the headers). Redirects are not followed: a 3xx is reported, never chased
 * to another host. HTTP/1.1 is used: webhook receivers are plain HTTP servers of every vintage, and the h2c upgrade
 * dance the client would otherwise attempt on {@code http://} gains nothing for one request per job.
 */
public final class WebhookExecutor implements JobExecutor {
    private static final Logger log = LoggerFactory.getLogger(WebhookExecutor.class);

    private final WebhookSettings settings;
    private final Clock clock;
    private final HttpClient client;
    private final WebhookRequests requests;

    public WebhookExecutor(WebhookSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With an explicit clock, which sets signature timestamps and measures the time left to the job's deadline. */
    public WebhookExecutor(WebhookSettings settings, Clock clock) {
        this(settings, clock, newClient(settings.connectTimeout()));
    }

    /**
     * With a client shared by other executors ({@link WebhookExecutorType} shares one per connect timeout); it
     * must come from {@link #newClient}, so redirects stay unfollowed.
     */
    WebhookExecutor(WebhookSettings settings, Clock clock, HttpClient client) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = Objects.requireNonNull(client, "client");
        this.requests = new WebhookRequests(settings, clock, new ObjectMapper());
        log.info("webhook executor ready: {}", settings);
    }

    /** The client every webhook executor uses: no redirects followed, HTTP/1.1 (see the class comment). */
    static HttpClient newClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public WebhookSettings settings() {
        return settings;
    }

    HttpClient client() {
        return client;
    }

    @Override
    public ExecutionResult execute(JobContext job) {
        Duration timeout = job.timeLeft(clock, settings.timeout());
        if (timeout.isNegative() || timeout.isZero()) {
            return ExecutionResult.timedOut("job " + job.jobId() + ": deadline " + job.deadline()
                    + " passed before the webhook was called");
        }
        WebhookRequests.Prepared prepared;
        try {
            prepared = requests.prepare(job, timeout);
        } catch (InvalidRequestException e) {
            return ExecutionResult.failed("job " + job.jobId() + ": " + e.getMessage());
        }
        try (CallInterrupter call = new CallInterrupter(timeout)) {
            job.onStop(call::interrupt);
            try {
                HttpResponse<BoundedBody.Captured> response = client.send(prepared.request(),
                        info -> new BoundedBody(settings.maxResponseChars()));
                return WebhookOutcomes.forResponse(response, settings.expectedStatus(), prepared.target(), job);
            } catch (IOException e) {
                return job.isStopRequested() ? stopped(job, prepared.target())
                        : WebhookOutcomes.forFailure(e, prepared.target(), timeout);
            } catch (InterruptedException e) {
                if (job.isStopRequested()) {
                    Thread.currentThread().interrupt();
                    return stopped(job, prepared.target());
                }
                if (call.expired()) {
                    return WebhookOutcomes.timedOut(prepared.target(), timeout);
                }
                Thread.currentThread().interrupt();
                return ExecutionResult.infraError("interrupted while calling " + prepared.target()
                        + " (is the node shutting down?)");
            }
        }
    }

    private static ExecutionResult stopped(JobContext job, String target) {
        return ExecutionResult.stopped(job, "call to " + target + " aborted");
    }
}
