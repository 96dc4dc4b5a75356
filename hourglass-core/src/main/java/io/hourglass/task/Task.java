package io.hourglass.task;

import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.JobExecutor;
import io.hourglass.internal.Names;
import io.hourglass.job.JobRequest;
import io.hourglass.queue.Ranker;
import java.time.Duration;
import java.util.Objects;

/**
 * A named kind of work and how to run it: its executor, default queue, retry policy, timeout and ranker.
 *
 * <pre>{@code
 * Task.of("send-email", ctx -> mailer.send(ctx.kwargs()))
 * Task.builder("scrape-coned").handler(scraper::scrape).queue("scrape").timeout(Duration.ofMinutes(2)).build()
 * }</pre>
 *
 * @param outcomeRules  applied to each attempt's result before its retry is decided (see {@link OutcomeRules})
 * @param expiresAfter  a job of this task not started within this long after its due time is not run (it ends
 *                      expired), unless the job or its schedule says otherwise; null for never
 */
public record Task(
        String name,
        JobExecutor executor,
        String queue,
        RetryPolicy retryPolicy,
        Duration timeout,
        Ranker ranker,
        OutcomeRules outcomeRules,
        Duration expiresAfter) {

    public static final String DEFAULT_QUEUE = "default";

    public Task {
        Names.require("name", name, JobRequest.MAX_NAME_LENGTH);
        Objects.requireNonNull(executor, "executor");
        Names.require("queue", queue, JobRequest.MAX_NAME_LENGTH);
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        InvalidRequestException.require(timeout == null || (!timeout.isNegative() && !timeout.isZero()), "timeout",
                "task '" + name + "': timeout must be positive, was " + timeout);
        Objects.requireNonNull(ranker, "ranker");
        outcomeRules = outcomeRules == null ? OutcomeRules.NONE : outcomeRules;
        io.hourglass.internal.Durations.requirePositive("expiresAfter", expiresAfter);
    }

    /** A task run by a Java handler, with the default queue, retry policy, no timeout and fixed priority 0. */
    public static Task of(String name, TaskHandler handler) {
        return builder(name).handler(handler).build();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private JobExecutor executor;
        private String queue = DEFAULT_QUEUE;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration timeout;
        private Ranker ranker = Ranker.fixed(0);
        private OutcomeRules outcomeRules = OutcomeRules.NONE;
        private Duration expiresAfter;

        private Builder(String name) {
            this.name = name;
        }

        /** Runs the task with Java code in this JVM. */
        public Builder handler(TaskHandler handler) {
            Objects.requireNonNull(handler, "handler");
            this.executor = context -> {
                handler.handle(context);
                return ExecutionResult.succeeded();
            };
            return this;
        }

        public Builder executor(JobExecutor value) {
            this.executor = value;
            return this;
        }

        public Builder queue(String value) {
            this.queue = value;
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = value;
            return this;
        }

        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        public Builder ranker(Ranker value) {
            this.ranker = value;
            return this;
        }

        /** Rules that reclassify attempts' outcomes before retries are decided (see {@link OutcomeRules}). */
        public Builder outcomeRules(OutcomeRule... rules) {
            this.outcomeRules = new OutcomeRules(java.util.List.of(rules));
            return this;
        }

        public Builder outcomeRules(OutcomeRules value) {
            this.outcomeRules = value;
            return this;
        }

        /** Jobs not started this long after their due time are not run (see {@link Task#expiresAfter}). */
        public Builder expiresAfter(Duration value) {
            this.expiresAfter = value;
            return this;
        }

        public Task build() {
            InvalidRequestException.require(executor != null, "executor",
                    "task '" + name + "' needs a handler or an executor");
            return new Task(name, executor, queue, retryPolicy, timeout, ranker, outcomeRules, expiresAfter);
        }
    }
}
