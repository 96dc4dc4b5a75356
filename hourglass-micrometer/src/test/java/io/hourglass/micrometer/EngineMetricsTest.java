package io.hourglass.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.attempt.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each engine event lands on its meter, tagged by queue (and outcome), on whatever registry it is given. */
class EngineMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EngineMetrics metrics = new EngineMetrics(registry);

    @Test
    void eventsAreCountedPerQueueAndOutcome() {
        metrics.jobsEnqueued("mail", 3);
        metrics.jobsClaimed("mail", 2);
        metrics.attemptEnded("send", "mail", Outcome.SUCCEEDED, Duration.ofMillis(40), Duration.ofMillis(7));
        metrics.attemptEnded("send", "mail", Outcome.INFRA_ERROR, Duration.ofMillis(10), Duration.ofMillis(1));
        metrics.leaseExpired("send", "mail");
        metrics.completionRefused("send", "mail", 9, Outcome.SUCCEEDED);

        assertThat(registry.get("hourglass.jobs.enqueued").tag("queue", "mail").counter().count()).isEqualTo(3);
        assertThat(registry.get("hourglass.jobs.claimed").tag("queue", "mail").counter().count()).isEqualTo(2);
        assertThat(registry.get("hourglass.jobs.completed").tags("queue", "mail", "outcome", "succeeded").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("hourglass.jobs.completed").tags("queue", "mail", "outcome", "infra_error")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("hourglass.job.start.latency").tag("queue", "mail").timer().count()).isEqualTo(2);
        assertThat(registry.get("hourglass.job.run.duration").tag("queue", "mail").timer().totalTime(
                java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(8.0);
        assertThat(registry.get("hourglass.lease.expiries").tag("queue", "mail").counter().count()).isEqualTo(1);
        assertThat(registry.get("hourglass.completions.refused").tag("queue", "mail").counter().count()).isEqualTo(1);
    }
}
