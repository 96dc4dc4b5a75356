package io.hourglass.engine;

import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.JobExecutor;
import io.hourglass.task.JobContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor of a defined task, wrapped so that it can be retired when the definition is replaced or deleted:
 * attempts already inside it finish, the last one out closes it (if it holds resources), and an attempt that
 * reaches it after retirement runs nothing and ends as infra_error, so its retry runs on the new definition.
 */
final class RetiringExecutor implements JobExecutor {
    private static final Logger log = LoggerFactory.getLogger(RetiringExecutor.class);

    private final String task;
    private final JobExecutor delegate;
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean retired;

    RetiringExecutor(String task, JobExecutor delegate) {
        this.task = task;
        this.delegate = delegate;
    }

    @Override
    public ExecutionResult execute(JobContext context) throws Exception {
        inside.incrementAndGet(); // before reading retired: retire() then sees us and leaves closing to us
        try {
            if (retired) {
                return ExecutionResult.infraError("task '" + task
                        + "' was redefined or deleted before this attempt started; nothing was run");
            }
            return delegate.execute(context);
        } finally {
            if (inside.decrementAndGet() == 0 && retired) {
                closeOnce();
            }
        }
    }

    /** No new attempt uses it; closed now if idle, else by the last attempt to leave. */
    void retire() {
        retired = true;
        if (inside.get() == 0) {
            closeOnce();
        }
    }

    private void closeOnce() {
        if (delegate instanceof AutoCloseable closeable && closed.compareAndSet(false, true)) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing a retired executor of task '{}' failed", task, e);
            }
        }
    }
}
