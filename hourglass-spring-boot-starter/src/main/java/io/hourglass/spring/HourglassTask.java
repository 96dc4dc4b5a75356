package io.hourglass.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method of a Spring bean the handler of a task the starter's node runs. The method takes no parameter
 * or one {@link io.hourglass.task.JobContext}; returning normally means the attempt succeeded, throwing means it
 * failed (an {@link io.hourglass.executor.InfrastructureException} makes it an {@code infra_error}).
 *
 * <pre>{@code
 * @Component
 * class Reports {
 *     @HourglassTask("nightly-report")
 *     void nightly(JobContext job) { ... job.kwargs().get("day") ... }
 * }
 * }</pre>
 *
 * The bean is looked up when a job runs, not when the node is built, so a bean may both hold task methods and
 * use the {@code Hourglass} client to enqueue.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HourglassTask {
    /** The task's name, as jobs and schedules name it. */
    String value();

    /** The queue its jobs go to when a request names none (default: the default queue). */
    String queue() default "";
}
