package io.hourglass.engine;

import io.hourglass.InvalidRequestException;
import io.hourglass.queue.QueueConfig;
import io.hourglass.store.Store;

/**
 * Configures, pauses and resumes queues. A change is stored, then this node's enqueues forget the queue settings
 * they cached (so a max size applies at once here; other nodes learn by notification or within a second) and the
 * dispatcher is woken, since a resumed queue or a raised limit may make work claimable now. A queue never
 * configured is unlimited and not paused.
 */
final class QueueEditor {
    private final Store store;
    private final Runnable queuesChanged;

    /** @param queuesChanged forgets the cached queue settings and wakes the dispatcher */
    QueueEditor(Store store, Runnable queuesChanged) {
        this.store = store;
        this.queuesChanged = queuesChanged;
    }

    QueueConfig configure(QueueConfig queue) {
        InvalidRequestException.require(queue != null, "queue", "must not be null");
        store.saveQueue(queue);
        queuesChanged.run();
        return queue;
    }

    QueueConfig setPaused(String name, boolean paused) {
        InvalidRequestException.require(name != null && !name.isBlank(), "name", "queue name must not be blank");
        return configure(store.findQueue(name).orElseGet(() -> QueueConfig.unlimited(name)).withPaused(paused));
    }
}
