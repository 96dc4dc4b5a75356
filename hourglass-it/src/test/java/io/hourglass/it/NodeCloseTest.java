package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.JobRequest;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link Hourglass#close()} closes (what the node opened or was handed) and what it leaves to the caller. */
class NodeCloseTest {
    @TempDir
    Path dataDir;

    @Test
    void closeLeavesAStoreTheCallerKeepsOpen() {
        try (Store store = JdbcStore.embedded(dataDir)) {
            long id;
            try (Hourglass node = Hourglass.builder().store(store).task(Task.of("noop", ctx -> { })).build()) {
                node.start();
                id = node.enqueue(JobRequest.of("noop").build()).jobId();
            }
            assertThat(store.findJob(id)).isPresent();
        }
    }

    @Test
    void closeClosesAnOwnedStoreLast() {
        JdbcStore store = JdbcStore.embedded(dataDir);
        Hourglass node = Hourglass.builder().ownedStore(store).task(Task.of("noop", ctx -> { })).build();
        node.start();
        long id = node.enqueue(JobRequest.of("noop").build()).jobId();

        node.close();

        assertThatThrownBy(() -> store.findJob(id)).isInstanceOf(RuntimeException.class);
        node.close(); // a second close does nothing more
    }

    @Test
    void closeClosesTheExecutorsTheNodeBuiltForDefinedTasks() {
        RecordingExecutorType type = new RecordingExecutorType("node-1");
        try (Store store = JdbcStore.embedded(dataDir)) {
            Hourglass node = Hourglass.builder().store(store).executorType(type).build();
            node.start();
            node.defineTask(TaskDefinition.of("greet", RecordingExecutorType.NAME, Map.of("greeting", "hi")), null);
            await().atMost(Duration.ofSeconds(30)).until(() -> !type.builtOf("greet").isEmpty());
            assertThat(type.closedOf("greet")).isEmpty();

            node.close();

            assertThat(type.closedOf("greet")).containsExactlyInAnyOrderElementsOf(type.builtOf("greet"));
        }
    }

    @Test
    void aClosedNodeRefusesToStartAgainWhileAStoppedOneRestarts() {
        try (Store store = JdbcStore.embedded(dataDir)) {
            Hourglass node = Hourglass.builder().store(store).build();
            node.start();
            node.stop(Duration.ofSeconds(5));
            node.start();
            assertThat(node.isRunning()).isTrue();

            node.close();

            assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }
}
