package io.hourglass.spring;

import io.hourglass.Hourglass;
import io.hourglass.micrometer.QueueMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The server's queue gauge ({@link QueueMetrics}, {@code hourglass.queue.jobs{queue, state}}) on each registry
 * Boot binds it to. A registry's read refreshes the counts when they are older than a second, as a scrape of the
 * server does; a queue that appears in the cluster gets its rows at the next read or, since an application's
 * registry may be read only row by row (or not at all until then), within {@link #DISCOVERY} from one thread.
 */
final class QueueGauges implements MeterBinder, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);
    /** How often the queues are listed again, so that a new queue gets its rows. */
    static final Duration DISCOVERY = Duration.ofSeconds(10);

    private final Hourglass hourglass;
    private final List<QueueMetrics> bound = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService discovery = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hourglass-queue-gauges");
        t.setDaemon(true);
        return t;
    });

    QueueGauges(Hourglass hourglass) {
        this.hourglass = hourglass;
        discovery.scheduleWithFixedDelay(this::refresh, DISCOVERY.toMillis(), DISCOVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        bound.add(new QueueMetrics(hourglass, registry, Clock.systemUTC(), QueueMetrics.DEFAULT_MAX_AGE));
    }

    private void refresh() {
        for (QueueMetrics metrics : bound) {
            try {
                metrics.refresh();
            } catch (RuntimeException e) { // the store is down: the gauges say so by not changing; health says why
                log.debug("queue gauges not refreshed: {}", e.toString());
            }
        }
    }

    @Override
    public void destroy() {
        discovery.shutdownNow();
    }
}
