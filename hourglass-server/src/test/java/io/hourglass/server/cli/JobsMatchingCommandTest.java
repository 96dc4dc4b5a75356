package io.hourglass.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.TestServer;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jobs cancel-matching} / {@code retry-matching}: a count without --yes, the bulk action with it. */
class JobsMatchingCommandTest {
    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(ServerConfig.forTests(dataDir));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static CliRun run(String... args) {
        return CliRun.of(server.server.url(), args);
    }

    @Test
    void withoutYesOnlyTheCountIsPrintedAndWithYesTheJobsAreCancelledThenRetried() {
        for (int i = 0; i < 3; i++) {
            assertThat(run("jobs", "submit", "cli-bulk", "--args", "[\"batch-7\"]", "--delay", "PT1H",
                    "--allow-unknown-task").exit()).isZero();
        }

        CliRun dry = run("jobs", "cancel-matching", "--task", "cli-bulk", "--text", "batch-7");
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("3 jobs match (states scheduled,running); re-run with --yes");
        assertThat(run("jobs", "list", "--task", "cli-bulk", "--state", "scheduled").out()).contains("scheduled");

        CliRun cancelled = run("jobs", "cancel-matching", "--task", "cli-bulk", "--limit", "2", "--yes");
        assertThat(cancelled.out()).contains("cancel: 2 matching jobs, 2 cancelled or asked to stop (more match");
        CliRun rest = run("jobs", "cancel-matching", "--task", "cli-bulk", "--yes");
        assertThat(rest.out()).contains("cancel: 1 matching jobs, 1 cancelled");

        CliRun retried = run("jobs", "retry-matching", "--task", "cli-bulk", "--yes");
        assertThat(retried.out()).contains("retry: 3 matching jobs, 3 retried as fresh copies");
        CliRun refused = run("jobs", "retry-matching", "--task", "cli-bulk", "--limit", "0", "--yes");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("limit");
    }
}
