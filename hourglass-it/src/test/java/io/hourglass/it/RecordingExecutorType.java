package io.hourglass.it;

import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.ExecutorSettings;
import io.hourglass.executor.ExecutorType;
import io.hourglass.executor.JobExecutor;
import io.hourglass.task.JobContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only executor type, {@value #NAME}, with one setting: {@code greeting} (a required string). Its executors
 * are numbered as built and record every job they run with their number and greeting, and their closing, so a test
 * sees which definition ran a job and when the executor that ran it was retired. (A node may build one definition
 * more than once, when a sync races with the define that saved it; the copy that is not installed is closed.) A job
 * with {@code hold: true} in its kwargs waits inside the executor until {@link #release()}, to keep an old executor
 * busy.
 */
final class RecordingExecutorType implements ExecutorType {
    static final String NAME = "recording";

    /** One job run: by which executor (number) of which task, built with which greeting, on which node. */
    record Run(int executor, String task, String greeting, long jobId, String node) {
    }

    /** An executor as built. */
    record Built(int executor, String task, String greeting) {
    }

    private final String node;
    private final CountDownLatch released = new CountDownLatch(1);
    final List<Run> started = new CopyOnWriteArrayList<>();
    final List<Run> runs = new CopyOnWriteArrayList<>();
    private final AtomicInteger serial = new AtomicInteger();
    final List<Built> built = new CopyOnWriteArrayList<>();
    /** The executors closed, in order. */
    final List<Built> closed = new CopyOnWriteArrayList<>();

    /** @param node a label for the runs, so cluster tests see which node's type ran a job */
    RecordingExecutorType(String node) {
        this.node = node;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public JobExecutor create(String taskName, ExecutorSettings settings) {
        settings.allowOnly("greeting");
        Built executor = new Built(serial.incrementAndGet(), taskName, settings.string("greeting"));
        built.add(executor);
        return new Recording(executor);
    }

    /** Lets every held job finish. */
    void release() {
        released.countDown();
    }

    List<Built> builtOf(String task) {
        return built.stream().filter(executor -> executor.task().equals(task)).toList();
    }

    List<Built> closedOf(String task) {
        return closed.stream().filter(executor -> executor.task().equals(task)).toList();
    }

    /** The executor that started running the job, or null. */
    Built ranJob(long jobId) {
        return started.stream().filter(run -> run.jobId() == jobId).findFirst()
                .map(run -> new Built(run.executor(), run.task(), run.greeting())).orElse(null);
    }

    List<String> greetingsOf(long jobId) {
        return runs.stream().filter(run -> run.jobId() == jobId).map(Run::greeting).toList();
    }

    private final class Recording implements JobExecutor, AutoCloseable {
        private final Built self;

        Recording(Built self) {
            this.self = self;
        }

        @Override
        public ExecutionResult execute(JobContext context) throws InterruptedException {
            Run run = new Run(self.executor(), self.task(), self.greeting(), context.jobId(), node);
            started.add(run);
            if (Boolean.TRUE.equals(context.kwargs().get("hold")) && !released.await(60, TimeUnit.SECONDS)) {
                return ExecutionResult.failed("held for 60 s and never released");
            }
            context.appendOutput(self.greeting());
            runs.add(run);
            return ExecutionResult.succeeded();
        }

        @Override
        public void close() {
            closed.add(self);
        }
    }
}
