package io.hourglass.bench;

import java.util.Arrays;
import java.util.Map;

/**
 * The benchmark harness: {@code bench/run <workload> [--key=value ...]}. Each workload prints a human summary and
 * one line of JSON (prefixed {@code RESULT }) so figures can be collected by scripts.
 *
 * <ul>
 *   <li>{@code burndown}: N no-op jobs enqueued in bulk, then the engine started with T workers: bulk enqueue rate
 *       and burn-down jobs/s, history kept as in production; {@code --future=M} / {@code --history=H} first fill
 *       M jobs pending in the future / H finished jobs with attempt rows ({@link TableFill}); {@code --nodes=K} runs
 *       the drain on K node processes ({@link BurnDownNodes}); {@code --job-ms=D} makes each job hold its thread
 *       D ms without CPU (a job that waits on a call out); {@code --warmup=W} first drains W jobs untimed on a
 *       node of its own, so the measured drain runs compiled code.</li>
 *   <li>{@code latency}: jobs due at now+2 s arriving at R/s for S seconds: start minus due, p50/p90/p99/max;
 *       {@code --hog=N} beside N busy-spinning processes ({@link CpuHog}).</li>
 *   <li>{@code soak}: the real server's REST API at R jobs/s for {@code --minutes}, a line per window and the
 *       first windows against the last ({@link Soak}).</li>
 *   <li>{@code webhook}: jobs run by the webhook executor against a local receiver: burst jobs/s, or
 *       {@code --mode=latency} request arrival minus due ({@link WebhookBench}).</li>
 *   <li>{@code celery}: jobs run by the Celery executor on a Celery worker the harness starts: burst jobs/s with
 *       {@code --results=fire|track}, or {@code --mode=latency} task start minus due ({@link CeleryBench}).</li>
 *   <li>{@code console-sse}: a server with N open console pages listening for live updates while jobs arrive at
 *       R/s: the cost of the streams against the same load with none open ({@link ConsoleSseBench}).</li>
 *   <li>{@code matrix}: a 256-cell matrix schedule firing every second: fire time to last cell started
 *       ({@link MatrixBench}).</li>
 *   <li>{@code console}: the console's page render times over a history of {@code --jobs} (default 1,000,000)
 *       on PostgreSQL ({@link ConsoleRender}).</li>
 *   <li>{@code enqueue}: {@code enqueueAll} alone, in calls of {@code --chunk}, without and with dedup keys (20%
 *       of them repeated), after {@code --warmup=W} jobs of each kind untimed ({@link EnqueueBench}).</li>
 *   <li>{@code rest-enqueue}: {@code POST /api/v1/jobs} with a token on the real server, driven by {@code wrk}
 *       with {@code --connections} for {@code --seconds}: requests/s and latency percentiles
 *       ({@link RestEnqueueBench}).</li>
 *   <li>{@code store}: the store alone, no engine: {@code insertJobs} and a drain by claims and completions on two
 *       threads, for {@code --rounds} rounds; on PostgreSQL also the server inserting the rows by itself: the
 *       ceilings a burn-down and a bulk enqueue run under ({@link StoreBench}).</li>
 * </ul>
 * Common options: {@code --db=h2|postgres} (default h2), {@code --url=} (PostgreSQL JDBC URL, default the local
 * {@code test} database).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0 || argv[0].startsWith("-")) {
            System.err.println("usage: bench/run burndown|latency|webhook|celery|console-sse|feed|matrix|console|soak"
                    + "|enqueue|rest-enqueue|store [--db=h2|postgres] [--jobs=N] [--workers=T] [--mode=burst|latency]"
                    + " [--rate=R] [--seconds=S] [--broker=redis|amqp] [--results=fire|track] [--future=M]"
                    + " [--history=H] [--warmup=W] [--nodes=K] [--job-ms=D] [--hog=N] [--minutes=M] [--window=S]"
                    + " [--chunk=N] [--rounds=R] [--url=jdbc:postgresql://...]");
            System.exit(2);
        }
        Options options = Options.parse(Arrays.copyOfRange(argv, 1, argv.length));
        Map<String, Object> result = switch (argv[0]) {
            case "burndown" -> new BurnDown(options).run();
            case "latency" -> new Latency(options).run();
            case "webhook" -> new WebhookBench(options).run();
            case "celery" -> new CeleryBench(options).run();
            case "console-sse" -> new ConsoleSseBench(options).run();
            case "feed" -> new FeedBench(options).run();
            case "matrix" -> new MatrixBench(options).run();
            case "console" -> new ConsoleRender(options).run();
            case "soak" -> new Soak(options).run();
            case "burn-node" -> BurnDownNodes.node(options); // one node process of burndown --nodes
            case "enqueue" -> new EnqueueBench(options).run();
            case "rest-enqueue" -> new RestEnqueueBench(options).run();
            case "store" -> new StoreBench(options).run();
            default -> {
                System.err.println("unknown workload '" + argv[0] + "' (expected burndown, latency, webhook, celery,"
                        + " console-sse, feed, matrix, console, soak, enqueue, rest-enqueue or store)");
                System.exit(2);
                yield Map.of();
            }
        };
        System.out.println("RESULT " + Json.write(result));
        System.exit(0);
    }
}
