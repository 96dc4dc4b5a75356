package io.hourglass.engine;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the engine's events to the registered {@link EngineListener}s. Each listener is called on its own guard,
 * so one that throws is logged and the others (and the engine thread) carry on. With no listener every call returns
 * at once, so the hot path pays nothing for metrics it does not collect.
 */
final class EngineEvents {
    private static final Logger log = LoggerFactory.getLogger(EngineEvents.class);

    private final List<EngineListener> listeners;

    EngineEvents(List<EngineListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void jobsEnqueued(String queue, int count) {
        notify(listener -> listener.jobsEnqueued(queue, count));
    }

    /** Reports claimed jobs per queue; the list comes from one claim and is usually one queue. */
    void jobsClaimed(List<Job> claimed) {
        if (listeners.isEmpty() || claimed.isEmpty()) {
            return;
        }
        int from = 0;
        while (from < claimed.size()) {
            String queue = claimed.get(from).queue();
            int to = from + 1;
            while (to < claimed.size() && claimed.get(to).queue().equals(queue)) {
                to++;
            }
            int count = to - from;
            notify(listener -> listener.jobsClaimed(queue, count));
            from = to;
        }
    }

    void attemptEnded(Job job, Outcome outcome, Instant startedAt, Instant finishedAt) {
        if (listeners.isEmpty()) {
            return;
        }
        Duration latency = job.dueAt() == null || startedAt.isBefore(job.dueAt()) ? Duration.ZERO
                : Duration.between(job.dueAt(), startedAt);
        Duration run = finishedAt.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, finishedAt);
        notify(listener -> listener.attemptEnded(job.task(), job.queue(), outcome, latency, run));
    }

    void leaseExpired(Job job) {
        notify(listener -> listener.leaseExpired(job.task(), job.queue()));
    }

    void completionRefused(Job job, Outcome outcome) {
        notify(listener -> listener.completionRefused(job.task(), job.queue(), job.id(), outcome));
    }

    private void notify(Consumer<EngineListener> event) {
        for (EngineListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("engine listener {} failed; ignored", listener.getClass().getName(), e);
            }
        }
    }
}
