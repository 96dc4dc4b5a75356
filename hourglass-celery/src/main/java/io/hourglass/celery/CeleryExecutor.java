package io.hourglass.celery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.InfrastructureException;
import io.hourglass.executor.JobExecutor;
import io.hourglass.task.JobContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Hourglass jobs on existing Python Celery workers: each attempt publishes one Celery protocol v2 task message
 * when the job is due (never an ETA parked in the broker) and, unless fire-and-forget, waits for the task's result
 * in the Redis result backend.
 *
 * <p>Outcomes: SUCCESS is {@code succeeded} with the result's JSON as output; FAILURE is {@code failed} with the
 * exception type, message and traceback; REVOKED (an expired message, or a revoke) is {@code cancelled}; no result
 * by the attempt's deadline (or {@link CelerySettings#resultTimeout()} without one) is {@code timed_out}; a broker
 * that cannot be reached is {@code infra_error}. A stopped job (cancel or timeout) is revoked on the workers with a
 * pidbox broadcast, which drops the task if it has not started; one already running finishes on its own.
 *
 * <p>Made with {@link #create}, it owns its broker connections and result subscription: {@link #close()} releases
 * them. Executors of tasks defined at runtime share those of their {@link CeleryExecutorType} instead.
 *
 * <pre>{@code
 * CeleryExecutor celery = CeleryExecutor.create(CelerySettings.builder()
 *         .brokerUrl("redis://127.0.0.1:6379/0").resultBackendUrl("redis://127.0.0.1:6379/1").build());
 * Task.builder("tasks.add").executor(celery).build();
 * }</pre>
 */
public final class CeleryExecutor implements JobExecutor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CeleryExecutor.class);

    private final CelerySettings settings;
    private final Clock clock;
    private final CeleryMessageBuilder messages;
    private final BrokerPublisher broker;
    private final RedisResultWaiter results;
    /** Releases what the executor holds besides its publisher: its own result waiter, or its shares. */
    private final Runnable release;

    private CeleryExecutor(CelerySettings settings, Clock clock, ObjectMapper json, BrokerPublisher broker,
                           RedisResultWaiter results, Runnable release) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.messages = new CeleryMessageBuilder(settings, json);
        this.broker = broker;
        this.results = results;
        this.release = release;
        log.info("celery executor: {}", settings);
    }

    /**
     * An executor on connections it does not own (see {@link CeleryExecutorType}): {@code broker} is its own
     * publisher over a shared connection, {@code results} a shared waiter or null, and {@code release} gives the
     * shares back when the executor is closed.
     */
    static CeleryExecutor shared(CelerySettings settings, Clock clock, ObjectMapper json, BrokerPublisher broker,
                                 RedisResultWaiter results, Runnable release) {
        return new CeleryExecutor(settings, clock, json, broker, results, release);
    }

    /** An executor on the system clock. */
    public static CeleryExecutor create(CelerySettings settings) {
        return create(settings, Clock.systemUTC());
    }

    /** An executor that owns its broker connections and result subscription; close it to release them. */
    public static CeleryExecutor create(CelerySettings settings, Clock clock) {
        ObjectMapper json = new ObjectMapper();
        BrokerPublisher broker = switch (settings.brokerKind()) {
            case AMQP -> new AmqpPublisher(settings, json);
            case REDIS -> new RedisPublisher(settings, json);
        };
        RedisResultWaiter results = settings.fireAndForget() ? null
                : new RedisResultWaiter(settings.resultBackendUrl(), json, clock);
        return new CeleryExecutor(settings, clock, json, broker, results, () -> {
            if (results != null) {
                results.close();
            }
        });
    }

    public CelerySettings settings() {
        return settings;
    }

    @Override
    public ExecutionResult execute(JobContext context) throws InterruptedException {
        Instant now = clock.instant();
        CeleryMessage message = messages.build(context, UUID.randomUUID().toString(), now);
        String celeryTask = (String) message.headers().get("task");
        try {
            broker.publish(message);
        } catch (InfrastructureException e) {
            return ExecutionResult.infraError(e.getMessage());
        }
        log.debug("job {} attempt {}: published celery task '{}' id {}", context.jobId(), context.attempt(),
                celeryTask, message.taskId());
        if (settings.fireAndForget()) {
            return ExecutionResult.succeeded();
        }
        context.onStop(() -> stop(message.taskId()));
        Instant deadline = context.deadline() != null ? context.deadline() : now.plus(settings.resultTimeout());
        RedisResultWaiter.Wait wait;
        try {
            wait = results.await(message.taskId(), deadline, context::isStopRequested);
        } catch (InterruptedException e) {
            if (!context.isStopRequested()) {
                throw e;
            }
            wait = new RedisResultWaiter.Wait.Stopped();
        }
        return toResult(wait, context, celeryTask, message.taskId(), deadline);
    }

    private ExecutionResult toResult(RedisResultWaiter.Wait wait, JobContext context, String celeryTask,
                                     String taskId, Instant deadline) {
        String task = "celery task '" + celeryTask + "' (id " + taskId + ")";
        if (wait instanceof RedisResultWaiter.Wait.Finished finished) {
            ExecutionResult result = finished.result().toExecutionResult(celeryTask, taskId);
            if (result.outcome() == Outcome.SUCCEEDED) {
                context.appendOutput(finished.result().result().toString());
            }
            return result;
        }
        if (wait instanceof RedisResultWaiter.Wait.DeadlinePassed passed) {
            revokeQuietly(taskId);
            return passed.backendError() != null
                    ? ExecutionResult.infraError(task + ": no result by " + deadline + "; " + passed.backendError())
                    : ExecutionResult.timedOut(task + ": no result by " + deadline + "; revoke sent to the workers");
        }
        return ExecutionResult.stopped(context, "revoke sent to the workers (" + task + ")");
    }

    private void stop(String taskId) {
        results.wake(taskId);
        revokeQuietly(taskId);
    }

    private void revokeQuietly(String taskId) {
        try {
            broker.revoke(taskId);
        } catch (InfrastructureException e) {
            log.warn("could not revoke celery task {}: {}", taskId, e.getMessage());
        }
    }

    /** Closes the broker connections and the result subscription, or gives back its share of them. */
    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            release.run();
        }
    }
}
