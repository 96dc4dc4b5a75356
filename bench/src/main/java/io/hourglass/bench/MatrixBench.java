package io.hourglass.bench;

import io.hourglass.Hourglass;
import io.hourglass.schedule.Matrix;
import io.hourglass.schedule.Schedule;
import io.hourglass.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A matrix schedule of {@code --cells} combinations (default 256, 16 x 16) firing every second for {@code --seconds}:
 * per fire, the time from its fire time until the last of its cells started (no-op handler, {@code --workers}
 * threads). That bounds fire-to-all-jobs-created from above: a cell starts only after its job was committed.
 */
final class MatrixBench {
    private final Options options;

    MatrixBench(Options options) {
        this.options = options;
    }

    Map<String, Object> run() throws Exception {
        int side = (int) Math.round(Math.sqrt(options.integer("cells", 256)));
        int cells = side * side;
        int seconds = options.integer("seconds", 30);
        int workers = options.integer("workers", 16);
        Clock clock = Clock.systemUTC();
        Map<Instant, long[]> perFire = new ConcurrentHashMap<>(); // due time -> {cells started, latest start micros}
        try (BenchDatabase db = BenchDatabase.open(options, workers + 6);
             HeapSampler heap = new HeapSampler()) {
            Hourglass hourglass = Hourglass.builder().store(db.store()).clock(clock).workerThreads(workers)
                    .task(Task.of("cell", context -> {
                        long micros = Math.max(0, Duration.between(context.dueAt(), clock.instant()).toNanos() / 1000);
                        perFire.compute(context.dueAt(), (due, v) -> v == null ? new long[] {1, micros}
                                : new long[] {v[0] + 1, Math.max(v[1], micros)});
                    }))
                    .build();
            hourglass.start();
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < side; i++) {
                values.add("v" + i);
            }
            hourglass.createSchedule(Schedule.builder("matrix-bench").task("cell").every(Duration.ofSeconds(1))
                    .matrix(Matrix.fromMap(Map.of("partner", values, "browser", values))).build());
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(seconds));
            hourglass.disableSchedule("matrix-bench");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (perFire.values().stream().anyMatch(v -> v[0] < cells) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            hourglass.stop(Duration.ofSeconds(10));

            Histogram lastCell = new Histogram(3);
            long complete = perFire.values().stream().filter(v -> v[0] == cells).peek(v -> lastCell.recordValue(v[1]))
                    .count();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("workload", "matrix");
            result.put("database", db.description());
            result.put("cells", cells);
            result.put("fires", perFire.size());
            result.put("complete_fires", complete);
            ExecutorRuns.putLatency(result, lastCell);
            result.put("peak_heap_mb", heap.peakMegabytes());
            System.out.printf("matrix on %s: %d cells every 1 s for %d s, %d workers: %d fires, %d with every cell run%n",
                    db.description(), cells, seconds, workers, perFire.size(), complete);
            System.out.printf("  fire time to last cell started: %s; peak heap %d MB%n", ExecutorRuns.latencyLine(lastCell),
                    heap.peakMegabytes());
            return result;
        }
    }
}
