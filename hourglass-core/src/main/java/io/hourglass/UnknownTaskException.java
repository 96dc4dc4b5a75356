package io.hourglass;

/**
 * A job or schedule names a task that nothing would run: it is not registered in code on this node, not defined
 * at runtime, and no node in the cluster runs it. Its field is always {@code task}; an HTTP layer answers 422, as
 * for other well-formed requests the node cannot act on. A request that means it (a task only remote workers
 * run) says {@code allowUnknownTask}.
 */
public class UnknownTaskException extends InvalidRequestException {
    private final String task;

    public UnknownTaskException(String task) {
        super("task", "'" + task + "' is unknown: not registered in code on this node, not defined at runtime"
                + " and run by no node; define it (a task definition, with executor 'remote' for a task only remote"
                + " workers run), register it in code on a node, or set allowUnknownTask to accept it anyway");
        this.task = task;
    }

    /** The task nobody runs. */
    public String task() {
        return task;
    }
}
