package io.hourglass.spring;

import io.hourglass.Hourglass;
import io.hourglass.micrometer.QueueMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The server's queue gauge, {@code hourglass.queue.jobs{queue, state}} ({@link QueueMetrics}), on the
 * application's registries: after the node exists, since the gauge reads the cluster's counts through it (the
 * engine events' meters are set up before, on the builder: {@link HourglassMetricsAutoConfiguration}).
 * {@code hourglass.metrics.enabled=false} turns it off too.
 */
@AutoConfiguration(after = HourglassAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, QueueMetrics.class})
@ConditionalOnProperty(prefix = "hourglass.metrics", name = "enabled", matchIfMissing = true)
public class HourglassQueueMetricsAutoConfiguration {

    /** Bound by Boot to each registry. */
    @Bean
    @ConditionalOnBean(Hourglass.class)
    MeterBinder hourglassQueueGauges(Hourglass hourglass) {
        return new QueueGauges(hourglass);
    }
}
