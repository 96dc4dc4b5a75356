package io.hourglass.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** With Actuator: the node's health joins the readiness group, and its engine events reach the registry. */
class HourglassActuatorTest {
    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HourglassAutoConfiguration.class,
                        HourglassHealthAutoConfiguration.class, HourglassMetricsAutoConfiguration.class,
                        HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
                        ApplicationAvailabilityAutoConfiguration.class, AvailabilityProbesAutoConfiguration.class,
                        AvailabilityHealthContributorAutoConfiguration.class, MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
                .withUserConfiguration(HourglassAutoConfigurationTest.Greeter.class)
                .withPropertyValues("hourglass.data-dir=" + dataDir, "hourglass.poll-interval=100ms");
    }

    @Test
    void engineEventsAppearInTheApplicationsRegistryUnderTheServersNames() {
        runner().run(context -> {
            Hourglass hourglass = context.getBean(Hourglass.class);
            long id = hourglass.enqueue(JobRequest.of("greet").args("metrics").build()).jobId();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> hourglass.job(id).orElseThrow().state() == JobState.SUCCEEDED);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("hourglass.jobs.enqueued").tag("queue", "default").counter().count())
                    .isEqualTo(1.0);
            await().atMost(Duration.ofSeconds(30)).until(() -> registry.find("hourglass.jobs.completed")
                    .tags("queue", "default", "outcome", "succeeded").counter() != null);
            assertThat(registry.get("hourglass.jobs.completed").tags("queue", "default", "outcome", "succeeded")
                    .counter().count()).isEqualTo(1.0);
            assertThat(registry.get("hourglass.jobs.claimed").tag("queue", "default").counter().count())
                    .isEqualTo(1.0);
            assertThat(registry.get("hourglass.job.run.duration").tag("queue", "default").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("hourglass.job.start.latency").tag("queue", "default").timer().count())
                    .isEqualTo(1);
        });
    }

    @Test
    void metricsCanBeTurnedOff() {
        runner().withPropertyValues("hourglass.metrics.enabled=false").run(context -> {
            Hourglass hourglass = context.getBean(Hourglass.class);
            hourglass.enqueue(JobRequest.of("greet").args("quiet").build());
            assertThat(context.getBean(MeterRegistry.class).find("hourglass.jobs.enqueued").counter()).isNull();
        });
    }

    @Test
    void healthIsUpWithTheNodesDetailsAndJoinsTheReadinessProbe() {
        runner().withPropertyValues("management.endpoint.health.probes.enabled=true",
                        "management.endpoint.health.show-details=always", "hourglass.node-name=health-node")
                .run(context -> {
                    HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
                    CompositeHealth all = (CompositeHealth) endpoint.health();
                    assertThat(all.getComponents().get("hourglass").getStatus()).isEqualTo(Status.UP);

                    CompositeHealth readiness = (CompositeHealth) endpoint.healthForPath("readiness");
                    assertThat(readiness.getComponents()).containsKeys("hourglass", "readinessState");
                    assertThat(((CompositeHealth) endpoint.healthForPath("liveness")).getComponents())
                            .doesNotContainKey("hourglass");
                });
    }

    @Test
    void theHealthIndicatorCanBeTurnedOff() {
        runner().withPropertyValues("management.health.hourglass.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(HourglassHealthIndicator.class));
    }
}
