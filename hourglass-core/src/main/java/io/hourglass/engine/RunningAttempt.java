package io.hourglass.engine;

import io.hourglass.job.Job;
import io.hourglass.task.JobContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt while it runs on a worker thread, and the {@link JobContext} its executor sees.
 *
 * <p>Two one-way switches make the races simple. {@link #requestStop} flips the stop reason once (cancel, timeout
 * or shutdown, whichever comes first), runs the stop actions once on the stopper executor and interrupts the
 * worker thread, but only while that thread still runs this attempt (bind/unbind and interrupt share a lock,
 * so a late stop never interrupts the next job on the same thread). {@link #markEnded} lets exactly one party
 * record the attempt's end: the worker when the executor returns, or the watchdog / shutdown when they give up
 * on it first.
 */
final class RunningAttempt implements JobContext {
    private static final Logger log = LoggerFactory.getLogger(RunningAttempt.class);

    enum StopReason { CANCEL, TIMEOUT, SHUTDOWN }

    private final Job job;
    private final Instant startedAt;
    private final Instant deadline;
    private final OutputBuffer output;
    private final Executor stopper;
    private final AtomicBoolean ended = new AtomicBoolean();
    // @GuardedBy("this")
    private final List<Runnable> stopActions = new ArrayList<>();
    // @GuardedBy("this")
    private Thread thread;
    private volatile StopReason stopReason;

    RunningAttempt(Job job, Instant startedAt, Instant deadline, int maxOutputChars, Executor stopper) {
        this.job = job;
        this.startedAt = startedAt;
        this.deadline = deadline;
        this.output = new OutputBuffer(maxOutputChars);
        this.stopper = stopper;
    }

    Job job() {
        return job;
    }

    Instant startedAt() {
        return startedAt;
    }

    OutputBuffer output() {
        return output;
    }

    StopReason stopReason() {
        return stopReason;
    }

    synchronized void bind(Thread worker) {
        this.thread = worker;
        if (stopReason != null) {
            worker.interrupt(); // stopped before it started: it starts interrupted
        }
    }

    synchronized void unbind() {
        this.thread = null;
    }

    /** True for the one caller that gets to record this attempt's end. */
    boolean markEnded() {
        return ended.compareAndSet(false, true);
    }

    /** Asks the work to stop; false when it was already asked (for whatever reason). */
    boolean requestStop(StopReason reason) {
        List<Runnable> actions;
        synchronized (this) {
            if (stopReason != null) {
                return false;
            }
            stopReason = reason;
            actions = List.copyOf(stopActions);
            stopActions.clear();
            if (thread != null) {
                thread.interrupt();
            }
        }
        actions.forEach(this::runStopAction);
        return true;
    }

    private void runStopAction(Runnable action) {
        stopper.execute(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("stop action of job {} (task '{}', attempt {}) failed", job.id(), job.task(), job.attempts(), e);
            }
        });
    }

    @Override public long jobId() { return job.id(); }
    @Override public String task() { return job.task(); }
    @Override public String queue() { return job.queue(); }
    @Override public int priority() { return job.priority(); }
    @Override public int attempt() { return job.attempts(); }
    @Override public List<Object> args() { return job.args(); }
    @Override public Map<String, Object> kwargs() { return job.kwargs(); }
    @Override public String dedupKey() { return job.dedupKey(); }
    @Override public Instant dueAt() { return job.dueAt(); }
    @Override public Instant deadline() { return deadline; }
    @Override public boolean isStopRequested() { return stopReason != null; }
    @Override public boolean isCancellationRequested() { return stopReason == StopReason.CANCEL; }

    @Override
    public void onStop(Runnable action) {
        synchronized (this) {
            if (stopReason == null) {
                stopActions.add(action);
                return;
            }
        }
        runStopAction(action);
    }

    @Override
    public void appendOutput(CharSequence text) {
        output.append(text);
    }
}
