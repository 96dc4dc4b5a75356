package io.hourglass.testing;

import io.hourglass.task.JobContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link JobContext} for testing an executor on its own, without an engine: it records output in full and lets
 * the test request a stop (cancel or timeout), running the executor's stop actions as the engine would.
 */
public final class RecordingJobContext implements JobContext {
    private final long jobId;
    private final String task;
    private final List<Object> args;
    private final Map<String, Object> kwargs;
    private final Instant deadline;
    private final StringBuilder output = new StringBuilder();
    private final List<Runnable> stopActions = new ArrayList<>();
    private volatile boolean stopRequested;
    private volatile boolean cancellationRequested;

    public RecordingJobContext(long jobId, String task, List<Object> args, Map<String, Object> kwargs, Instant deadline) {
        this.jobId = jobId;
        this.task = task;
        this.args = args == null ? List.of() : args;
        this.kwargs = kwargs == null ? Map.of() : kwargs;
        this.deadline = deadline;
    }

    public static RecordingJobContext of(String task, Map<String, Object> kwargs) {
        return new RecordingJobContext(1, task, List.of(), kwargs, null);
    }

    /** Asks the work to stop, as a cancel ({@code cancel == true}) or a timeout would; runs the stop actions. */
    public void requestStop(boolean cancel) {
        List<Runnable> actions;
        synchronized (this) {
            if (stopRequested) {
                return;
            }
            cancellationRequested = cancel;
            stopRequested = true;
            actions = List.copyOf(stopActions);
        }
        actions.forEach(Runnable::run);
    }

    public synchronized String output() {
        return output.toString();
    }

    @Override public long jobId() { return jobId; }
    @Override public String task() { return task; }
    @Override public String queue() { return "default"; }
    @Override public int attempt() { return 1; }
    @Override public List<Object> args() { return args; }
    @Override public Map<String, Object> kwargs() { return kwargs; }
    @Override public String dedupKey() { return null; }
    @Override public Instant dueAt() { return Instant.EPOCH; }
    @Override public Instant deadline() { return deadline; }
    @Override public boolean isStopRequested() { return stopRequested; }
    @Override public boolean isCancellationRequested() { return cancellationRequested; }

    @Override
    public void onStop(Runnable action) {
        synchronized (this) {
            if (!stopRequested) {
                stopActions.add(action);
                return;
            }
        }
        action.run();
    }

    @Override
    public synchronized void appendOutput(CharSequence text) {
        output.append(text);
    }
}
