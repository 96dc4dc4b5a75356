package io.hourglass.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.schedule.Schedule;
import io.hourglass.store.Store;
import io.hourglass.task.JobContext;
import io.hourglass.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The starter on the embedded H2 database: task beans and methods run, schedules fire, settings apply. */
class HourglassAutoConfigurationTest {
    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HourglassAutoConfiguration.class))
                .withPropertyValues("hourglass.data-dir=" + dataDir, "hourglass.poll-interval=100ms");
    }

    @Test
    void anHourglassTaskMethodRunsWhenAJobIsEnqueued() {
        runner().withUserConfiguration(Greeter.class).run(context -> {
            Hourglass hourglass = context.getBean(Hourglass.class);
            assertThat(hourglass.isRunning()).isTrue();
            EnqueueResult job = hourglass.enqueue(JobRequest.of("greet").args("Ada").build());

            await().atMost(Duration.ofSeconds(30)).until(() -> hourglass.job(job.jobId()).orElseThrow().state()
                    == JobState.SUCCEEDED);
            assertThat(context.getBean(Greeter.class).greeted).containsExactly("Ada");
        });
    }

    @Test
    void aTaskMethodThatThrowsFailsItsAttempt() {
        runner().withUserConfiguration(Greeter.class).run(context -> {
            Hourglass hourglass = context.getBean(Hourglass.class);
            EnqueueResult job = hourglass.enqueue(JobRequest.of("refuse").maxAttempts(1).build());

            await().atMost(Duration.ofSeconds(30)).until(() -> hourglass.job(job.jobId()).orElseThrow().state()
                    == JobState.FAILED);
            assertThat(hourglass.attempts(job.jobId()).get(0).error()).contains("no greeting today");
        });
    }

    @Test
    void aTaskBeanIsRegisteredAndItsQueueKept() {
        runner().withUserConfiguration(TaskBean.class).run(context -> {
            Hourglass hourglass = context.getBean(Hourglass.class);
            assertThat(hourglass.tasks()).extracting(Task::name).contains("from-bean", "greet-quietly");
            EnqueueResult job = hourglass.enqueue(JobRequest.of("greet-quietly").build());
            assertThat(hourglass.job(job.jobId()).orElseThrow().queue()).isEqualTo("quiet");
        });
    }

    @Test
    void aScheduleDeclaredInPropertiesIsSavedAndFires() {
        runner().withUserConfiguration(Greeter.class)
                .withPropertyValues("hourglass.schedules.every-second.task=greet",
                        "hourglass.schedules.every-second.every=1s",
                        "hourglass.schedules.every-second.args[0]=schedule")
                .run(context -> {
                    Hourglass hourglass = context.getBean(Hourglass.class);
                    assertThat(hourglass.schedule("every-second")).isPresent();
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> context.getBean(Greeter.class).greeted.contains("schedule"));
                });
    }

    @Test
    void aScheduleBeanIsSavedAndUpdatedOnTheNextStart() {
        runner().withUserConfiguration(Greeter.class)
                .withBean("nightly", Schedule.class, () -> Schedule.builder("nightly").task("greet")
                        .cron("0 3 * * *", java.time.ZoneId.of("Europe/Paris")).build())
                .run(context -> assertThat(context.getBean(Hourglass.class).schedule("nightly").orElseThrow()
                        .spec().toString()).contains("0 3 * * *"));
        runner().withUserConfiguration(Greeter.class)
                .withBean("nightly", Schedule.class, () -> Schedule.builder("nightly").task("greet")
                        .cron("0 4 * * *", java.time.ZoneId.of("Europe/Paris")).build())
                .run(context -> assertThat(context.getBean(Hourglass.class).schedule("nightly").orElseThrow()
                        .spec().toString()).contains("0 4 * * *"));
    }

    @Test
    void anIncompleteDeclaredScheduleStopsTheStartWithThePropertyNamed() {
        runner().withUserConfiguration(Greeter.class)
                .withPropertyValues("hourglass.schedules.broken.task=greet")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("hourglass.schedules.broken")
                        .hasMessageContaining("exactly one of cron, every or once"));
    }

    @Test
    void everyEngineSettingComesFromProperties() {
        runner().withPropertyValues("hourglass.node-name=boot-node", "hourglass.worker-threads=3",
                        "hourglass.claim-batch-size=17", "hourglass.prefetch=5", "hourglass.lease-duration=12s",
                        "hourglass.heartbeat-interval=2s", "hourglass.misfire-grace=7s",
                        "hourglass.max-output-chars=999", "hourglass.history-retention=3d",
                        "hourglass.completion-batch-size=9", "hourglass.auto-start=false")
                .run(context -> {
                    Hourglass hourglass = context.getBean(Hourglass.class);
                    assertThat(hourglass.isRunning()).isFalse();
                    io.hourglass.NodeSettings settings = hourglass.settings();
                    assertThat(settings.nodeName()).isEqualTo("boot-node");
                    assertThat(settings.workerThreads()).isEqualTo(3);
                    assertThat(settings.claimBatchSize()).isEqualTo(17);
                    assertThat(settings.prefetch()).isEqualTo(5);
                    assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(12));
                    assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(100));
                    assertThat(settings.misfireGrace()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(settings.maxOutputChars()).isEqualTo(999);
                    assertThat(settings.historyRetention()).isEqualTo(Duration.ofDays(3));
                    assertThat(settings.completionBatchSize()).isEqualTo(9);
                });
    }

    @Test
    void aSettingTheBuilderRefusesStopsTheStartNamingIt() {
        runner().withPropertyValues("hourglass.lease-duration=10ms")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leaseDuration").hasMessageContaining("at least 300 ms"));
    }

    @Test
    void customizersAreAppliedLast() {
        runner().withPropertyValues("hourglass.node-name=from-properties")
                .withBean(HourglassCustomizer.class, () -> builder -> builder.nodeName("from-customizer"))
                .run(context -> assertThat(context.getBean(Hourglass.class).nodeName())
                        .isEqualTo("from-customizer"));
    }

    @Test
    void theStarterBacksOffWhenTheApplicationBuildsItsOwnNode() {
        runner().withUserConfiguration(Greeter.class, OwnNode.class).run(context -> {
            assertThat(context).hasSingleBean(Hourglass.class);
            assertThat(context.getBean(Hourglass.class).nodeName()).isEqualTo("own-node");
            assertThat(context.getBean(Hourglass.class).tasks()).extracting(Task::name).containsExactly("own");
            assertThat(context).hasSingleBean(Store.class);
        });
    }

    @Test
    void nothingIsBuiltWhenDisabled() {
        runner().withPropertyValues("hourglass.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Hourglass.class).doesNotHaveBean(Store.class));
    }

    @Test
    void stoppingTheContextStopsTheNode() {
        Hourglass[] node = new Hourglass[1];
        runner().run(context -> {
            node[0] = context.getBean(Hourglass.class);
            assertThat(node[0].isRunning()).isTrue();
        });
        assertThat(node[0].isRunning()).isFalse();
    }

    @Configuration(proxyBeanMethods = false)
    static class Greeter {
        final List<String> greeted = new CopyOnWriteArrayList<>();

        @HourglassTask("greet")
        void greet(JobContext job) {
            greeted.add(String.valueOf(job.args().get(0)));
        }

        @HourglassTask(value = "greet-quietly", queue = "quiet")
        void quietly() {
            greeted.add("quietly");
        }

        @HourglassTask("refuse")
        void refuse() {
            throw new IllegalStateException("no greeting today");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TaskBean extends Greeter {
        @Bean
        Task fromBean() {
            return Task.of("from-bean", job -> { });
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnNode {
        @Bean
        Hourglass ownHourglass(Store store) {
            return Hourglass.builder().store(store).nodeName("own-node").task(Task.of("own", job -> { })).build();
        }

        @Bean(destroyMethod = "close")
        Store ownStore(@org.springframework.beans.factory.annotation.Value("${hourglass.data-dir}") Path dir) {
            return JdbcStore.embedded(dir.resolve("own"));
        }
    }
}
