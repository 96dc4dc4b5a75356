package io.hourglass.spring;

import io.hourglass.micrometer.EngineMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The node's engine events on the application's {@link MeterRegistry}, under the names the Hourglass server
 * exports ({@code hourglass.jobs.enqueued}, {@code hourglass.jobs.claimed}, {@code hourglass.jobs.completed},
 * {@code hourglass.job.start.latency}, {@code hourglass.job.run.duration}, {@code hourglass.lease.expiries},
 * {@code hourglass.completions.refused}): the same {@link EngineMetrics}, so dashboards work on both; the queue
 * gauge comes from {@link HourglassQueueMetricsAutoConfiguration}.
 * {@code hourglass.metrics.enabled=false} turns it off.
 */
@AutoConfiguration(before = HourglassAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, EngineMetrics.class})
@ConditionalOnProperty(prefix = "hourglass.metrics", name = "enabled", matchIfMissing = true)
public class HourglassMetricsAutoConfiguration {

    /** Adds the listener when the application has a registry (Actuator makes one). */
    @Bean
    HourglassCustomizer hourglassMetrics(ObjectProvider<MeterRegistry> registry) {
        return builder -> registry.ifAvailable(meters -> builder.listener(new EngineMetrics(meters)));
    }

}
