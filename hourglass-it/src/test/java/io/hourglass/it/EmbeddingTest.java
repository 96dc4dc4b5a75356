package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.Hourglass;
import io.hourglass.HourglassBuilder;
import io.hourglass.NodeSettings;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an application embedding a node can rely on: when the schema is made, and what settings it runs with. */
class EmbeddingTest {
    @TempDir
    Path dataDir;

    @Test
    void buildingANodeMigratesAFreshStoreSoClientCallsWorkBeforeStart() throws Exception {
        try (Store store = JdbcStore.embedded(dataDir);
             Hourglass hourglass = Hourglass.builder().store(store).task(Task.of("noop", job -> { })).build()) {
            long id = hourglass.enqueue(JobRequest.of("noop").build()).jobId();

            assertThat(hourglass.isRunning()).isFalse();
            assertThat(hourglass.job(id).orElseThrow().state()).isEqualTo(JobState.SCHEDULED);
        }
    }

    @Test
    void settingsReportWhatTheBuilderChoseForWhatItWasNotGiven() throws Exception {
        try (Store store = JdbcStore.embedded(dataDir);
             Hourglass hourglass = Hourglass.builder().store(store).leaseDuration(Duration.ofSeconds(9)).build()) {
            NodeSettings settings = hourglass.settings();

            assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(3));
            assertThat(settings.nodeName()).isNotBlank();
            assertThat(settings.store()).startsWith("H2");
            assertThat(settings.workerThreads()).isEqualTo(HourglassBuilder.DEFAULT_WORKER_THREADS);
            assertThat(settings.prefetch()).isEqualTo(HourglassBuilder.DEFAULT_PREFETCH);
            assertThat(settings.pollInterval()).isEqualTo(HourglassBuilder.DEFAULT_POLL_INTERVAL);
            assertThat(settings.historyRetention()).isEqualTo(HourglassBuilder.DEFAULT_HISTORY_RETENTION);
        }
    }

    @Test
    void theCoreJarNamesItsVersionAndCommitInItsManifest() throws Exception {
        Path location = Path.of(Hourglass.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Assumptions.assumeTrue(location.toString().endsWith(".jar"),
                "hourglass-core was loaded from " + location + ", not a jar (a build runs this on the jar)");
        try (JarFile jar = new JarFile(location.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();

            assertThat(manifest.getValue("Implementation-Version")).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(Hourglass.class.getPackage().getImplementationVersion())
                    .isEqualTo(manifest.getValue("Implementation-Version"));
            assertThat(manifest.getValue("Implementation-Commit")).as("a commit, or 'unknown'").isNotBlank();
        }
    }
}
