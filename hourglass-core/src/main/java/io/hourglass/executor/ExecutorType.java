package io.hourglass.executor;

import io.hourglass.InvalidRequestException;

/**
 * Builds executors from settings given as data, so tasks can be defined at runtime (over the API, stored, shared
 * by the cluster): the container, webhook, shell and Celery modules each offer one. A node runs a defined task
 * only if it was built with the executor type the definition names ({@code HourglassBuilder.executorType}).
 *
 * <p>A type is also where the node's own limits live: the images a container task may run, the executables a
 * shell task may start. Settings that step outside them are refused when the task is defined, not when it runs.
 *
 * <p>The type owns what its executors share (connections, clients): its {@link #close()} releases them, and it
 * belongs to whoever built it, like the store. An executor that holds resources of its own may implement
 * {@link AutoCloseable}: the engine closes it once its task is redefined or deleted and no attempt uses it.
 */
public interface ExecutorType extends AutoCloseable {

    /** The name definitions use: lower case, such as {@code webhook}. */
    String name();

    /**
     * Checks the settings and builds the executor for task {@code taskName}.
     *
     * @throws InvalidRequestException naming the setting at fault ({@code settings.<key>}) and the rule
     */
    JobExecutor create(String taskName, ExecutorSettings settings);

    /** Releases what the type's executors share. The default holds nothing. */
    @Override
    default void close() {
    }
}
