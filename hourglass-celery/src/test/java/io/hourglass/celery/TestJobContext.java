package io.hourglass.celery;

import io.hourglass.task.JobContext;
import io.hourglass.testing.RecordingJobContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A {@link RecordingJobContext} with a priority, that also tells when the executor registered its stop action
 * (which the Celery executor does right after the broker took the message).
 */
final class TestJobContext implements JobContext {
    final RecordingJobContext recording;
    final CountDownLatch stopActionRegistered = new CountDownLatch(1);
    private final int priority;

    TestJobContext(String task, List<Object> args, Map<String, Object> kwargs, Instant deadline, int priority) {
        this.recording = new RecordingJobContext(1, task, args, kwargs, deadline);
        this.priority = priority;
    }

    static TestJobContext of(String task, List<Object> args) {
        return new TestJobContext(task, args, Map.of(), null, 0);
    }

    String output() {
        return recording.output();
    }

    @Override public long jobId() { return recording.jobId(); }
    @Override public String task() { return recording.task(); }
    @Override public String queue() { return recording.queue(); }
    @Override public int attempt() { return recording.attempt(); }
    @Override public List<Object> args() { return recording.args(); }
    @Override public Map<String, Object> kwargs() { return recording.kwargs(); }
    @Override public int priority() { return priority; }
    @Override public String dedupKey() { return recording.dedupKey(); }
    @Override public Instant dueAt() { return recording.dueAt(); }
    @Override public Instant deadline() { return recording.deadline(); }
    @Override public boolean isStopRequested() { return recording.isStopRequested(); }
    @Override public boolean isCancellationRequested() { return recording.isCancellationRequested(); }
    @Override public void appendOutput(CharSequence text) { recording.appendOutput(text); }

    @Override
    public void onStop(Runnable action) {
        recording.onStop(action);
        stopActionRegistered.countDown();
    }
}
