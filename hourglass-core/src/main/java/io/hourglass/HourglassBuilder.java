package io.hourglass;

import io.hourglass.engine.EngineConfig;
import io.hourglass.engine.EngineListener;
import io.hourglass.executor.ExecutorType;
import io.hourglass.executor.Secrets;
import io.hourglass.internal.Names;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds a {@link Hourglass} node. Only the store is required; every other setting has a {@code DEFAULT_*}.
 * Settings are checked together in {@link #build()}, and each error names the setting and the rule it broke.
 *
 * <pre>{@code
 * Hourglass hourglass = Hourglass.builder()
 *         .store(JdbcStore.embedded(Path.of("data")))
 *         .task(Task.of("send-email", ctx -> mailer.send(ctx.kwargs())))
 *         .build();
 * hourglass.start();
 * }</pre>
 */
public final class HourglassBuilder {
    public static final int DEFAULT_WORKER_THREADS = 8;
    public static final int DEFAULT_CLAIM_BATCH_SIZE = 256;
    /** At most this many claimed jobs wait for a worker thread; see {@link #prefetch(int)}. */
    public static final int DEFAULT_PREFETCH = 256;
    /** Jobs are claimed this long before they are due and started on time; see {@link #claimAhead(Duration)}. */
    public static final Duration DEFAULT_CLAIM_AHEAD = Duration.ofMillis(100);
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(30);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MISFIRE_GRACE = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_OUTPUT_CHARS = 65_536;
    public static final Duration DEFAULT_HISTORY_RETENTION = Duration.ofDays(30);
    /**
     * 512: under a backlog the completer always has a batch waiting and pays a commit per batch. A warmed burn-down
     * on PostgreSQL drained a mean 23,500 jobs/s at 128, 26,700 at 256 and 29,200 at 512. A batch holds what came
     * in within the 2 ms linger or while the previous batch was written, so only a backlog fills one. What larger
     * batches cost: a transient backlog's batch holds a core longer, and start latency's p99 at
     * 2,000 jobs/s read 3-8 ms against 3-5 (docs/benchmarks.md, "Issue 11, session 11").
     */
    public static final int DEFAULT_COMPLETION_BATCH_SIZE = 512;
    /** The shortest lease: heartbeats must fit several times into it, across GC pauses and slow statements. */
    public static final Duration MIN_LEASE_DURATION = Duration.ofMillis(300);
    public static final int MAX_NODE_NAME_LENGTH = 200;

    private Store store;
    private boolean ownsStore;
    private Clock clock = Clock.systemUTC();
    private String nodeName;
    private int workerThreads = DEFAULT_WORKER_THREADS;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Map<String, ExecutorType> executorTypes = new LinkedHashMap<>();
    private Secrets secrets = Secrets.NONE;
    private io.hourglass.feed.FeedReader feedReader;
    private int claimBatchSize = DEFAULT_CLAIM_BATCH_SIZE;
    private Duration leaseDuration = DEFAULT_LEASE_DURATION;
    private Duration heartbeatInterval;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration misfireGrace = DEFAULT_MISFIRE_GRACE;
    private int maxOutputChars = DEFAULT_MAX_OUTPUT_CHARS;
    private Duration historyRetention = DEFAULT_HISTORY_RETENTION;
    private int completionBatchSize = DEFAULT_COMPLETION_BATCH_SIZE;
    private Integer prefetch;
    private Duration claimAhead = DEFAULT_CLAIM_AHEAD;
    private final List<EngineListener> listeners = new ArrayList<>();

    HourglassBuilder() {
    }

    /**
     * Where jobs, schedules and history live (required). The caller keeps ownership and closes it after the node;
     * see {@link #ownedStore(Store)} to hand it over instead.
     */
    public HourglassBuilder store(Store value) {
        this.store = value;
        this.ownsStore = false;
        return this;
    }

    /**
     * Where jobs, schedules and history live, handed over to the node: {@link Hourglass#close()} closes it last
     * (and so does a failed {@link #build()}). For a store made only for this node, such as
     * {@code JdbcStore.embedded(path)}; a store on a {@code DataSource} closes its own pool, never the caller's.
     */
    public HourglassBuilder ownedStore(Store value) {
        this.store = value;
        this.ownsStore = true;
        return this;
    }

    /** The clock for every timestamp and due time (default {@link Clock#systemUTC()}). */
    public HourglassBuilder clock(Clock value) {
        this.clock = value;
        return this;
    }

    /** This node's name in leases, attempts and the node list; unique per running process (default host-pid-random). */
    public HourglassBuilder nodeName(String value) {
        this.nodeName = value;
        return this;
    }

    /** How many attempts run at once on this node; 0 makes a node that runs no work (default 8). */
    public HourglassBuilder workerThreads(int value) {
        this.workerThreads = value;
        return this;
    }

    /**
     * At most how many claimed jobs may wait in this node for a free worker thread. Under a backlog of short jobs
     * this turns one claim per finished job into one claim per batch, which is most of the throughput. The node
     * prefetches only what its threads finish in about 50 ms at the recent pace, so long jobs are not hoarded
     * while another node sits idle; 0 turns prefetching off.
     */
    public HourglassBuilder prefetch(int value) {
        this.prefetch = value;
        return this;
    }

    /**
     * How long before their due time this node claims jobs (default 100 ms). A claimed job waits in the node under
     * its lease, as a running job does, and starts at its due time, so the claim's database round trip is not part
     * of the start latency. A job held ahead shows as running; if the node dies it runs again after its lease
     * expires, and a cancel ends it before it starts. Jobs of queues with a concurrency limit are claimed only
     * once due. Zero claims only due jobs; at most half the lease.
     */
    public HourglassBuilder claimAhead(Duration value) {
        this.claimAhead = value;
        return this;
    }

    /** Registers a task this node runs; names must be unique. */
    public HourglassBuilder task(Task value) {
        Objects.requireNonNull(value, "task");
        InvalidRequestException.require(!tasks.containsKey(value.name()), "task",
                "task '" + value.name() + "' is registered twice");
        tasks.put(value.name(), value);
        return this;
    }

    public HourglassBuilder tasks(Task... values) {
        for (Task value : values) {
            task(value);
        }
        return this;
    }

    public HourglassBuilder tasks(Collection<Task> values) {
        values.forEach(this::task);
        return this;
    }

    /**
     * Lets this node run tasks defined at runtime ({@link HourglassClient#defineTask}) with this executor type;
     * names must be unique. The caller keeps ownership of the type and closes it after the node.
     */
    public HourglassBuilder executorType(ExecutorType value) {
        Objects.requireNonNull(value, "executorType");
        InvalidRequestException.require(!executorTypes.containsKey(value.name()), "executorType",
                "executor type '" + value.name() + "' is registered twice");
        InvalidRequestException.require(!TaskDefinition.REMOTE.equals(value.name()), "executorType",
                "the name '" + TaskDefinition.REMOTE + "' is reserved for tasks that remote workers run");
        executorTypes.put(value.name(), value);
        return this;
    }

    /**
     * Lets this node poll feeds ({@link HourglassClient#feeds()}): it runs the built-in task
     * {@link io.hourglass.feed.Feed#POLL_TASK} with this reader ({@code hourglass-http}'s {@code HttpFeedReader}).
     */
    public HourglassBuilder feedReader(io.hourglass.feed.FeedReader value) {
        this.feedReader = Objects.requireNonNull(value, "feedReader");
        return this;
    }

    /**
     * What {@code ${secret:NAME}} in a defined task's settings stands for on this node (default: no secrets, and a
     * definition that refers to one is refused). Values are put in when the executor is built, never stored.
     */
    public HourglassBuilder secrets(Secrets value) {
        this.secrets = Objects.requireNonNull(value, "secrets");
        return this;
    }

    /** At most this many jobs claimed in one statement (default 256). */
    public HourglassBuilder claimBatchSize(int value) {
        this.claimBatchSize = value;
        return this;
    }

    /** How long a claimed job stays this node's without a heartbeat (default 30 s). */
    public HourglassBuilder leaseDuration(Duration value) {
        this.leaseDuration = value;
        return this;
    }

    /** How often this node renews its leases (default a third of the lease duration). */
    public HourglassBuilder heartbeatInterval(Duration value) {
        this.heartbeatInterval = value;
        return this;
    }

    /** The fallback poll for due jobs and schedules when no event wakes the node (default 1 s). */
    public HourglassBuilder pollInterval(Duration value) {
        this.pollInterval = value;
        return this;
    }

    /** A fire time older than this when its schedule is fired counts as missed (default 60 s). */
    public HourglassBuilder misfireGrace(Duration value) {
        this.misfireGrace = value;
        return this;
    }

    /** Captured output is cut at this many characters and flagged as truncated (default 65536). */
    public HourglassBuilder maxOutputChars(int value) {
        this.maxOutputChars = value;
        return this;
    }

    /** Finished jobs older than this are deleted with their attempts (default 30 days). */
    public HourglassBuilder historyRetention(Duration value) {
        this.historyRetention = value;
        return this;
    }

    /** At most this many attempt completions are written in one transaction (default 512). */
    public HourglassBuilder completionBatchSize(int value) {
        this.completionBatchSize = value;
        return this;
    }

    /**
     * Adds a listener told what this node does (jobs enqueued and claimed, attempts ended, leases expired), for
     * metrics; several may be added and each hears every event. See {@link EngineListener} for the rules.
     */
    public HourglassBuilder listener(EngineListener value) {
        InvalidRequestException.require(value != null, "listener", "must not be null");
        listeners.add(value);
        return this;
    }

    /**
     * Checks the settings, then creates or upgrades the store's schema ({@link Store#migrate()}: database I/O, safe
     * on every build and from several nodes at once) and returns the node, not started. This is the one place a
     * node migrates: client calls work on the returned node at once, and {@link Hourglass#start()} only starts
     * threads.
     */
    public Hourglass build() {
        InvalidRequestException.require(store != null, "store", "a store is required (e.g. JdbcStore.embedded(path))");
        InvalidRequestException.require(clock != null, "clock", "must not be null");
        String name = nodeName != null ? nodeName : defaultNodeName();
        Names.require("nodeName", name, MAX_NODE_NAME_LENGTH);
        InvalidRequestException.require(workerThreads >= 0 && workerThreads <= 10_000, "workerThreads",
                "must be between 0 and 10000, was " + workerThreads);
        InvalidRequestException.require(claimBatchSize >= 1 && claimBatchSize <= 10_000, "claimBatchSize",
                "must be between 1 and 10000, was " + claimBatchSize);
        InvalidRequestException.require(leaseDuration != null && leaseDuration.compareTo(MIN_LEASE_DURATION) >= 0,
                "leaseDuration", "must be at least " + MIN_LEASE_DURATION.toMillis() + " ms, was " + leaseDuration);
        Duration heartbeat = heartbeatInterval != null ? heartbeatInterval : leaseDuration.dividedBy(3);
        InvalidRequestException.require(heartbeat.toMillis() >= 10 && heartbeat.compareTo(leaseDuration.dividedBy(2)) <= 0,
                "heartbeatInterval", "must be at least 10 ms and at most half the lease duration ("
                        + leaseDuration.dividedBy(2) + ") so one late beat does not lose leases, was " + heartbeat);
        InvalidRequestException.require(pollInterval != null && pollInterval.toMillis() >= 10, "pollInterval",
                "must be at least 10 ms, was " + pollInterval);
        InvalidRequestException.require(misfireGrace != null && !misfireGrace.isNegative(), "misfireGrace",
                "must not be negative, was " + misfireGrace);
        InvalidRequestException.require(maxOutputChars >= 0, "maxOutputChars",
                "must not be negative, was " + maxOutputChars);
        InvalidRequestException.require(historyRetention != null && historyRetention.toMinutes() >= 1,
                "historyRetention", "must be at least 1 minute, was " + historyRetention);
        InvalidRequestException.require(completionBatchSize >= 1 && completionBatchSize <= 10_000,
                "completionBatchSize", "must be between 1 and 10000, was " + completionBatchSize);
        int buffered = prefetch != null ? prefetch : DEFAULT_PREFETCH;
        InvalidRequestException.require(buffered >= 0 && buffered <= 10_000, "prefetch",
                "must be between 0 and 10000, was " + buffered);
        InvalidRequestException.require(claimAhead != null && !claimAhead.isNegative()
                        && claimAhead.compareTo(leaseDuration.dividedBy(2)) <= 0, "claimAhead",
                "must be between 0 and half the lease duration (" + leaseDuration.dividedBy(2) + "), was " + claimAhead);
        EngineConfig config = new EngineConfig(store, clock, name, workerThreads, tasks, executorTypes, secrets,
                claimBatchSize, leaseDuration, heartbeat, pollInterval, misfireGrace, maxOutputChars,
                historyRetention, completionBatchSize, buffered, claimAhead, listeners, feedReader);
        try {
            return new Hourglass(config, ownsStore);
        } catch (RuntimeException e) {
            if (ownsStore) {
                store.close();
            }
            throw e;
        }
    }

    private static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        long pid = ManagementFactory.getRuntimeMXBean().getPid();
        return host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
