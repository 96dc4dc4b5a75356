package io.hourglass.engine;

import io.hourglass.executor.Secrets;
import io.hourglass.task.Task;
import java.util.Map;

/** Test helper: a registry of code-registered tasks only, on a node that runs work. */
final class CodeTasks {
    private CodeTasks() {
    }

    static TaskRegistry registry(Map<String, Task> tasks) {
        return new TaskRegistry("test", tasks, Map.of(), Secrets.NONE, true);
    }
}
