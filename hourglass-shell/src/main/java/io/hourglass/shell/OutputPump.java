package io.hourglass.shell;

import io.hourglass.task.JobContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains a process's merged stdout and stderr on its own thread and streams it into the job's output, so that
 * operators see progress while it runs and a chatty process never blocks on a full pipe. Past the limit the
 * output is still read (and dropped), and the last characters are kept for the error of a failed run.
 *
 * <p>A process may leave a background child holding the pipe open after it exits; {@link #finish} therefore waits
 * only briefly for the end of the stream and then stops appending, leaving the daemon thread to drain the rest.
 */
final class OutputPump implements Runnable {
    static final int TAIL_CHARS = 1000;

    private final Reader reader;
    private final JobContext job;
    private final int maxChars;
    private final StringBuilder tail = new StringBuilder();
    private final Thread thread;
    private long seen;
    private long kept;
    private boolean finished;

    private OutputPump(InputStream output, JobContext job, int maxChars) {
        this.reader = new InputStreamReader(output, StandardCharsets.UTF_8);
        this.job = job;
        this.maxChars = maxChars;
        this.thread = new Thread(this, "hourglass-shell-output-" + job.jobId());
        thread.setDaemon(true);
    }

    static OutputPump start(InputStream output, JobContext job, int maxChars) {
        OutputPump pump = new OutputPump(output, job, maxChars);
        pump.thread.start();
        return pump;
    }

    @Override
    public void run() {
        char[] buffer = new char[8192];
        try (reader) {
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                accept(buffer, n);
            }
        } catch (IOException e) {
            // The stream was closed under us (the process was destroyed): the output ends here.
        }
    }

    private synchronized void accept(char[] buffer, int n) {
        if (finished) {
            return;
        }
        seen += n;
        int take = (int) Math.min(n, maxChars - kept);
        if (take > 0) {
            job.appendOutput(new String(buffer, 0, take));
            kept += take;
        }
        tail.append(buffer, 0, n);
        if (tail.length() > 2 * TAIL_CHARS) {
            tail.delete(0, tail.length() - TAIL_CHARS);
        }
    }

    /** Waits up to {@code wait} for the end of the output, then stops appending and flags a cut. */
    void finish(Duration wait) {
        try {
            thread.join(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            finished = true;
            if (seen > kept) {
                job.appendOutput("\n[output truncated: kept " + kept + " of " + seen + " chars]");
            }
        }
    }

    /** The last characters seen, for the error of a failed run; empty when there was no output. */
    synchronized String tail() {
        return tail.length() > TAIL_CHARS ? tail.substring(tail.length() - TAIL_CHARS) : tail.toString();
    }
}
