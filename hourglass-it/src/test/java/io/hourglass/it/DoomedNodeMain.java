package io.hourglass.it;

import io.hourglass.Hourglass;
import io.hourglass.task.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A node in a process of its own, for {@link KilledNodeTest} to kill: it runs the test's "mark" jobs on the given
 * PostgreSQL schema and appends each job id it runs to a file (one line per run, written before the handler
 * returns, so a run the process finished is on disk even if its completion never reached the store). Once
 * started it writes its incarnation's owner to a second file, then runs until killed. From its
 * {@value KilledNodeTest#KILL_AFTER_RUNS}th run on, a handler records its run and then never returns: the node dies
 * holding jobs (running, and claimed in its buffer) however fast it got there. Without that, on a quiet machine it
 * sometimes ran every job it had claimed before the test's kill came, and died holding none.
 */
final class DoomedNodeMain {
    private DoomedNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        String schema = args[0];
        Path runs = Path.of(args[1]);
        Path owner = Path.of(args[2]);
        Hourglass node = Hourglass.builder().ownedStore(TestStores.postgresSchema(schema))
                .nodeName("doomed").workerThreads(8).leaseDuration(Duration.ofSeconds(3))
                .task(Task.of(KilledNodeTest.TASK, ctx -> run(runs, ctx.jobId())))
                .build();
        node.start();
        Path written = Files.writeString(owner.resolveSibling(owner.getFileName() + ".tmp"),
                node.incarnation().orElseThrow().owner(), StandardCharsets.UTF_8);
        Files.move(written, owner, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        new java.util.concurrent.CountDownLatch(1).await(); // until SIGKILL
    }

    private static void run(Path runs, long jobId) throws IOException, InterruptedException {
        if (record(runs, jobId) >= KilledNodeTest.KILL_AFTER_RUNS) {
            NEVER.await(); // until SIGKILL: this job was run but its completion never reaches the store
        }
    }

    private static final java.util.concurrent.CountDownLatch NEVER = new java.util.concurrent.CountDownLatch(1);
    private static int recorded; // guarded by DoomedNodeMain.class

    /** Appends the run; the number of runs recorded so far, this one included. */
    private static synchronized int record(Path runs, long jobId) throws IOException {
        Files.writeString(runs, jobId + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return ++recorded;
    }
}
