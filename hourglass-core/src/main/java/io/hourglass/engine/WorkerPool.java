package io.hourglass.engine;

import io.hourglass.attempt.Outcome;
import io.hourglass.engine.RunningAttempt.StopReason;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.job.Job;
import io.hourglass.store.Completion;
import io.hourglass.task.Task;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs claimed attempts on a fixed set of worker threads ("hourglass-worker-N") and turns how each ended into a
 * completion for the {@link Completer}.
 *
 * <p>A slot is taken when the dispatcher hands over a job and freed only when its thread returns, so a handler
 * that ignores a timeout keeps its slot (the node never runs more than {@code workerThreads} at once) even though
 * its attempt is already recorded as timed out. Claimed jobs beyond the threads wait in the executor's queue, so
 * under a backlog the dispatcher claims in batches rather than once per finished job. How many may wait adapts
 * to the recent pace: what the threads finish in {@link #PREFETCH_WINDOW_NANOS}, at most the configured prefetch,
 * so short jobs come in big batches and long ones are not hoarded while another node idles. An attempt starts
 * (its start time, its timeout) only when a thread takes it up. A job claimed ahead of its due time (see
 * {@link StartTimer}) takes its slot at the claim and waits in the start timer, not for a thread, until it is due;
 * a cancel ends it there without running it. The watchdog ("hourglass-watchdog") enforces deadlines; stop
 * actions run on "hourglass-stop-N" threads so a slow one (killing a container) holds up nobody.
 */
final class WorkerPool {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    static final long PREFETCH_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final double PACE_WEIGHT = 0.1;

    private final EngineConfig config;
    private final Clock clock;
    private final RetryDecision retry;
    private final TaskRegistry tasks;
    private final Completer completer;
    private final Runnable slotFreed;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;
    private final ExecutorService stopper;
    private final StartTimer startTimer;
    private final Map<Long, RunningAttempt> running = new ConcurrentHashMap<>();
    private final Map<Long, Job> waiting = new ConcurrentHashMap<>();
    private final java.util.Set<Long> cancelledWhileWaiting = ConcurrentHashMap.newKeySet();
    private final AtomicInteger busy = new AtomicInteger();
    /** Of {@link #busy}, the jobs claimed ahead and still held in the start timer (they need no thread yet). */
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    /** Moving average of how long attempts run; unknown (0) until one ends, and then no prefetch is assumed safe. */
    private volatile double averageRunNanos;
    private final Object idle = new Object();

    WorkerPool(EngineConfig config, TaskRegistry tasks, RetryDecision retry, Completer completer, Runnable slotFreed) {
        this.config = config;
        this.clock = config.clock();
        this.retry = retry;
        this.tasks = tasks;
        this.completer = completer;
        this.slotFreed = slotFreed;
        this.workers = Executors.newFixedThreadPool(config.workerThreads(), NamedThreads.numbered("hourglass-worker"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(NamedThreads.single("hourglass-watchdog"));
        this.stopper = Executors.newCachedThreadPool(NamedThreads.numbered("hourglass-stop"));
        this.startTimer = new StartTimer(config.nodeName(), clock, config.pollInterval());
    }

    /**
     * How many jobs the next claim may take: the threads plus the prefetch, less the jobs running or waiting for a
     * thread. Jobs held for their due time do not count there (they need no thread until due, and counting them
     * made a node at its prefetch limit claim the next jobs only after they were due, a profile showed), but at
     * most {@code max(workerThreads, prefetch)} are held at once.
     */
    int freeSlots() {
        int holding = held.get();
        int free = config.workerThreads() + prefetchNow() - (busy.get() - holding);
        return Math.min(free, Math.max(config.workerThreads(), config.prefetch()) - holding);
    }

    /** How many claimed jobs may wait for a thread now: what the threads finish within the window at the recent pace. */
    int prefetchNow() {
        double average = averageRunNanos;
        if (average <= 0 || config.prefetch() == 0) {
            return 0;
        }
        double finishable = config.workerThreads() * (PREFETCH_WINDOW_NANOS / Math.max(average, 1.0));
        return (int) Math.min(config.prefetch(), finishable);
    }

    private void recordRun(long nanos) {
        double average = averageRunNanos;
        averageRunNanos = average <= 0 ? nanos : average + PACE_WEIGHT * (nanos - average);
    }

    /**
     * Whether to claim now, up to {@link #freeSlots()}: when a thread is idle with nothing waiting for it, or early,
     * while at most half of {@link #prefetchNow()} jobs still wait and the threads need at least half a claim's round
     * trip ({@code claimNanos}, as the dispatcher measured it) to run them. Claimed early, the next jobs arrive while
     * the threads still have work; claimed at an empty buffer, every thread idled for the whole round trip (1 ms
     * jobs ran 28 % slower for it). Jobs that run out faster than a claim returns gain nothing from an early claim
     * but would have it in half-size batches, so for them the moment stays the empty buffer. Under a backlog that
     * is one claim per buffer either way, not one per finished job. A node whose threads are all busy (or hung)
     * holds at most the prefetch behind them, since those jobs take its slots.
     */
    boolean wantsWork(long claimNanos) {
        if (freeSlots() <= 0) {
            return false;
        }
        int queued = waiting.size();
        if (queued == 0) {
            return active.get() < config.workerThreads();
        }
        double drainNanos = queued * averageRunNanos / config.workerThreads();
        return queued <= prefetchNow() / 2 && 2 * drainNanos >= claimNanos;
    }

    int busySlots() {
        return busy.get();
    }

    /** Starts a claimed job, at its due time when it was claimed ahead; the caller made sure a slot is free. */
    void start(Job job) {
        Task task = tasks.get(job.task());
        if (task == null) {
            String error = "node " + config.nodeName() + " claimed job " + job.id() + " of task '" + job.task()
                    + "', which it no longer runs (its definition was deleted or changed meanwhile); released";
            log.warn(error);
            Instant now = clock.instant();
            completer.submit(new Completion(job.id(), job.owner(), job.attempts(), Outcome.INFRA_ERROR,
                    now, now, error, null, false, now.plus(config.pollInterval())), job);
            return;
        }
        busy.incrementAndGet();
        if (job.dueAt().isAfter(clock.instant())) {
            held.incrementAndGet();
            startTimer.hold(job, () -> {
                held.decrementAndGet();
                handOver(task, job);
            });
        } else {
            handOver(task, job);
        }
    }

    private void handOver(Task task, Job job) {
        waiting.put(job.id(), job);
        workers.execute(() -> begin(task, job));
    }

    /** A worker thread takes up a waiting job: from here on it is a running attempt with a start and a deadline. */
    private void begin(Task task, Job job) {
        if (waiting.remove(job.id()) == null) {
            release(); // released at shutdown while it waited
            return;
        }
        active.incrementAndGet();
        Instant startedAt = clock.instant();
        Duration timeout = job.timeout() != null ? job.timeout() : task.timeout();
        RunningAttempt attempt = new RunningAttempt(job, startedAt,
                timeout == null ? null : startedAt.plus(timeout), config.maxOutputChars(), stopper);
        running.put(job.id(), attempt);
        if (cancelledWhileWaiting.remove(job.id())) {
            attempt.requestStop(StopReason.CANCEL);
        }
        ScheduledFuture<?> timer = timeout == null ? null : watchdog.schedule(() -> timeOut(attempt, timeout),
                Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        run(task, attempt, timer);
    }

    /** Asks a job claimed here to stop because it was cancelled; false when it is not here. */
    boolean cancel(long jobId) {
        RunningAttempt attempt = running.get(jobId);
        if (attempt != null) {
            return attempt.requestStop(StopReason.CANCEL);
        }
        if (waiting.containsKey(jobId)) {
            return cancelledWhileWaiting.add(jobId);
        }
        Job heldJob = startTimer.remove(jobId);
        if (heldJob == null) {
            return false;
        }
        held.decrementAndGet();
        Instant now = clock.instant();
        completer.submit(retry.completion(heldJob, heldJob.owner(), ExecutionResult.cancelled("cancelled before its due time"
                + " (claimed ahead by node " + config.nodeName() + ", not started)"), now, now,
                new OutputBuffer(config.maxOutputChars())), heldJob);
        release();
        return true;
    }

    /** Waits until no attempt runs, at most {@code grace}; true when idle. */
    boolean awaitIdle(Duration grace) throws InterruptedException {
        long until = System.nanoTime() + grace.toNanos();
        synchronized (idle) {
            while (busy.get() > 0) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    /**
     * Stops every attempt still running at shutdown and records it as infra_error due again at once, so another
     * node takes the job now instead of when the lease expires.
     */
    List<Long> stopAllForShutdown() {
        List<Long> stopped = new java.util.ArrayList<>();
        Instant now = clock.instant();
        for (Job job : startTimer.removeAll()) {
            // due again at its own due time, not now: it was claimed ahead and must not run early elsewhere
            completer.submit(new Completion(job.id(), job.owner(), job.attempts(), Outcome.INFRA_ERROR, now, now,
                    "node shutting down before the job's due time: " + config.nodeName(), null, false,
                    job.dueAt().isAfter(now) ? job.dueAt() : now), job);
            held.decrementAndGet();
            stopped.add(job.id());
            release();
        }
        for (Job job : List.copyOf(waiting.values())) {
            if (waiting.remove(job.id()) != null) {
                completer.submit(new Completion(job.id(), job.owner(), job.attempts(), Outcome.INFRA_ERROR,
                        now, now, "node shutting down before the job started: " + config.nodeName(), null, false,
                        now), job);
                stopped.add(job.id());
            }
        }
        for (RunningAttempt attempt : running.values()) {
            attempt.requestStop(StopReason.SHUTDOWN);
            if (endStopped(attempt, null)) {
                stopped.add(attempt.jobId());
            }
        }
        return stopped;
    }

    /** Ends the threads; attempts must have been ended already. */
    void shutdown() {
        startTimer.stop();
        workers.shutdownNow();
        watchdog.shutdownNow();
        stopper.shutdown();
    }

    private void run(Task task, RunningAttempt attempt, ScheduledFuture<?> timer) {
        long began = System.nanoTime();
        attempt.bind(Thread.currentThread());
        ExecutionResult result;
        try {
            result = task.executor().execute(attempt);
            if (result == null) {
                result = ExecutionResult.failed("bug: executor of task '" + task.name() + "' returned no result");
            }
        } catch (Throwable thrown) {
            result = Failures.resultOf(thrown);
        } finally {
            attempt.unbind();
            Thread.interrupted(); // a stop's interrupt must not leak into the next job on this thread
        }
        try {
            if (timer != null) {
                timer.cancel(false);
            }
            if (attempt.stopReason() != null) {
                endStopped(attempt, result); // whatever the work returned, it was told to stop, and why decides
            } else {
                end(attempt, result);
            }
        } finally {
            recordRun(System.nanoTime() - began);
            running.remove(attempt.job().id());
            active.decrementAndGet();
            release();
        }
    }

    private void release() {
        busy.decrementAndGet();
        synchronized (idle) {
            idle.notifyAll();
        }
        slotFreed.run();
    }

    private void timeOut(RunningAttempt attempt, Duration timeout) {
        if (attempt.requestStop(StopReason.TIMEOUT)) {
            log.info("{}: job {} (task '{}', attempt {}) timed out after {}", config.nodeName(), attempt.jobId(),
                    attempt.task(), attempt.attempt(), timeout);
            endStopped(attempt, null);
        }
    }

    /**
     * Ends an attempt that was told to stop, the same way whoever gets there first (the worker when the work
     * returns, the watchdog, the shutdown): cancelled, timed out, or released for an immediate retry at shutdown.
     *
     * @param result what the work returned, or null when it has not returned
     */
    private boolean endStopped(RunningAttempt attempt, ExecutionResult result) {
        String detail = result == null || result.error() == null ? "" : ": " + result.error();
        return switch (attempt.stopReason()) {
            case CANCEL -> end(attempt, ExecutionResult.cancelled("cancelled while running" + detail));
            case TIMEOUT -> end(attempt, ExecutionResult.timedOut("timed out after "
                    + Duration.between(attempt.startedAt(), attempt.deadline()) + detail));
            case SHUTDOWN -> {
                if (!attempt.markEnded()) {
                    yield false;
                }
                Instant now = clock.instant();
                Job job = attempt.job();
                completer.submit(new Completion(job.id(), job.owner(), job.attempts(), Outcome.INFRA_ERROR,
                        attempt.startedAt(), now, "node shutting down: " + config.nodeName(), attempt.output().text(),
                        attempt.output().truncated(), now), job);
                yield true;
            }
        };
    }

    private boolean end(RunningAttempt attempt, ExecutionResult result) {
        if (!attempt.markEnded()) {
            return false;
        }
        completer.submit(retry.completion(attempt.job(), attempt.job().owner(), result, attempt.startedAt(),
                clock.instant(), attempt.output()), attempt.job());
        return true;
    }
}
