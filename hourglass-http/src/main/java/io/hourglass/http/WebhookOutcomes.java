package io.hourglass.http;

import io.hourglass.executor.ExecutionResult;
import io.hourglass.task.JobContext;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Maps what happened to a webhook call onto an outcome. The split that matters to operators is between the
 * receiver saying no (a 4xx: {@code failed}, retrying sends the same request to the same refusal) and the call not
 * getting through (5xx, refused connection, DNS, TLS: {@code infra_error}, retried with backoff by default).
 */
final class WebhookOutcomes {
    private WebhookOutcomes() {
    }

    static ExecutionResult forResponse(HttpResponse<BoundedBody.Captured> response, Set<Integer> expected,
            String target, JobContext job) {
        int status = response.statusCode();
        BoundedBody.Captured body = response.body();
        if (expected.contains(status)) {
            job.appendOutput(body.head());
            if (body.truncated()) {
                job.appendOutput("\n[response truncated: kept " + body.head().length() + " chars of "
                        + body.totalBytes() + " bytes]");
            }
            return ExecutionResult.succeeded().withStatus(status);
        }
        String error = "HTTP " + status + " from " + target;
        if (status >= 500) {
            return ExecutionResult.infraError(error + tail(body)).withStatus(status);
        }
        if (status >= 400) {
            return ExecutionResult.failed(error + tail(body)).withStatus(status);
        }
        return ExecutionResult.failed(error + " is not an expected status " + WebhookSettings.describeCodes(expected)
                + tail(body)).withStatus(status);
    }

    /** The outcome of a call that threw instead of answering. */
    static ExecutionResult forFailure(Throwable cause, String target, Duration timeout) {
        if (cause instanceof HttpConnectTimeoutException) {
            return ExecutionResult.infraError("could not connect to " + target + ": " + cause.getMessage());
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut(target, timeout);
        }
        if (isUnreachable(cause)) {
            return ExecutionResult.infraError("could not reach " + target + ": " + describe(cause));
        }
        // Connection reset, closed mid-response, protocol errors: the call did not complete, so it is not the
        // receiver's verdict on the job. Recording it as infra_error lets the retry policy try again.
        return ExecutionResult.infraError("call to " + target + " broke off: " + describe(cause));
    }

    static ExecutionResult timedOut(String target, Duration timeout) {
        return ExecutionResult.timedOut("no response from " + target + " within " + timeout);
    }

    private static boolean isUnreachable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException || t instanceof NoRouteToHostException
                    || t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        String rootText = root == cause ? "" : " (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        return cause.getClass().getSimpleName() + message + rootText;
    }

    private static String tail(BoundedBody.Captured body) {
        if (body.tail().isBlank()) {
            return "";
        }
        String prefix = body.totalBytes() > body.tail().length() ? "..." : "";
        return ": " + prefix + body.tail();
    }
}
