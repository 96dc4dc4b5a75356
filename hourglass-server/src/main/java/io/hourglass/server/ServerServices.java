package io.hourglass.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.HourglassClient;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.task.Task;
import io.hourglass.worker.RemoteWorkers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What the HTTP features need from the running node, handed to each feature's routes at start: the client API,
 * the remote-worker gateway, the clock, the JSON setup, the lease a remote worker's pop gets unless it asks for
 * another, and the tasks the node registered in code (fixed at start; everything else in the task list was
 * defined at runtime).
 */
public record ServerServices(
        Duration workerLease,
        HourglassClient client,
        RemoteWorkers workers,
        Clock clock,
        ObjectMapper mapper,
        JsonBodies bodies,
        List<Task> codeTasks) {

    public ServerServices {
        codeTasks = List.copyOf(codeTasks);
    }
}
