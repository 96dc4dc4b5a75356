package io.hourglass.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.hourglass.task.JobContext;
import java.nio.charset.StandardCharsets;

/**
 * Receives a container's log frames (stdout and stderr, interleaved as written) and passes them to the job's
 * captured output, up to a limit; it also keeps the output's last characters for a failed attempt's error, so the
 * operator sees why the container failed without opening the output.
 */
final class OutputCollector extends ResultCallback.Adapter<Frame> {
    private final JobContext context;
    private final int maxChars;
    private final int tailChars;
    private final StringBuilder tail = new StringBuilder();
    private long seenChars;
    private boolean cutNoted;

    OutputCollector(JobContext context, int maxChars, int tailChars) {
        this.context = context;
        this.maxChars = maxChars;
        this.tailChars = tailChars;
    }

    @Override
    public synchronized void onNext(Frame frame) {
        String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
        long room = maxChars - seenChars;
        if (room >= text.length()) {
            context.appendOutput(text);
        } else {
            if (room > 0) {
                context.appendOutput(text.substring(0, (int) room));
            }
            if (!cutNoted) {
                cutNoted = true;
                context.appendOutput("\n[hourglass: container output cut at " + maxChars + " characters]\n");
            }
        }
        seenChars += text.length();
        tail.append(text);
        if (tail.length() > 2 * tailChars) {
            tail.delete(0, tail.length() - tailChars);
        }
    }

    /** The output's last characters (at most the configured tail), or "" when there was none. */
    synchronized String tail() {
        return tail.length() <= tailChars ? tail.toString() : tail.substring(tail.length() - tailChars);
    }
}
