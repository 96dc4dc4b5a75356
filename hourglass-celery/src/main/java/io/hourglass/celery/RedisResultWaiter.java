package io.hourglass.celery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Waits for task results in Celery's Redis result backend.
 *
 * <p>Why it works this way: the backend stores the result under {@code celery-task-meta-<id>} and PUBLISHes the
 * same JSON on a channel of that name. One subscriber thread listens to all of them with a pattern and completes
 * the waiting attempt's future, so finished tasks are seen at once without a connection per waiting job. Pub/sub
 * misses whatever was published before a (re)subscription, so each waiter also reads the key when it starts and
 * then again with a doubling backoff; that also carries waiters through a Redis restart while the subscriber
 * reconnects. A waiter can be woken early ({@link #wake}) when its job is stopped.
 */
final class RedisResultWaiter implements AutoCloseable {
    static final String KEY_PREFIX = "celery-task-meta-";
    private static final Logger log = LoggerFactory.getLogger(RedisResultWaiter.class);
    private static final Duration FIRST_POLL = Duration.ofMillis(200);
    private static final Duration MAX_POLL = Duration.ofSeconds(2);
    private static final Duration MAX_RESUBSCRIBE_DELAY = Duration.ofSeconds(5);

    /** How a wait ended. */
    sealed interface Wait {
        record Finished(CeleryResult result, String json) implements Wait { }
        record Stopped() implements Wait { }
        /** The deadline passed; {@code backendError} is the last failure to read the backend, or null. */
        record DeadlinePassed(String backendError) implements Wait { }
    }

    private final JedisPooled redis;
    private final String backend;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    private final CountDownLatch firstSubscription = new CountDownLatch(1);
    private volatile Subscriber subscriber;
    private final Thread subscriberThread;
    private volatile boolean closed;

    RedisResultWaiter(String backendUrl, ObjectMapper json, Clock clock) {
        this.redis = new JedisPooled(URI.create(backendUrl), (int) MAX_POLL.multipliedBy(2).toMillis());
        this.backend = CelerySettings.redact(backendUrl);
        this.json = json;
        this.clock = clock;
        this.subscriberThread = new Thread(this::subscribeLoop, "hourglass-celery-results");
        this.subscriberThread.setDaemon(true);
        this.subscriberThread.start();
    }

    /**
     * Waits until the task's result is final, {@code stopRequested} turns true (after a {@link #wake}), or the
     * deadline passes. Throws InterruptedException when the thread is interrupted.
     */
    Wait await(String taskId, Instant deadline, BooleanSupplier stopRequested) throws InterruptedException {
        CompletableFuture<String> published = new CompletableFuture<>();
        waiting.put(taskId, published);
        try {
            awaitSubscription(deadline);
            Duration pollEvery = FIRST_POLL;
            String backendError = null;
            while (true) {
                if (stopRequested.getAsBoolean()) {
                    return new Wait.Stopped();
                }
                try {
                    String stored = redis.get(KEY_PREFIX + taskId);
                    backendError = null;
                    Wait.Finished finished = finished(stored);
                    if (finished != null) {
                        return finished;
                    }
                } catch (JedisException e) {
                    backendError = "celery result backend " + backend + " unreachable: " + e.getMessage();
                    log.debug("reading result of celery task {} failed: {}", taskId, e.toString());
                }
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return new Wait.DeadlinePassed(backendError);
                }
                Duration wait = left.compareTo(pollEvery) < 0 ? left : pollEvery;
                Wait.Finished pushed = awaitPublished(published, wait);
                if (pushed != null) {
                    return pushed;
                }
                if (published.isDone()) {
                    published = new CompletableFuture<>();
                    waiting.put(taskId, published);
                }
                pollEvery = pollEvery.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pollEvery.multipliedBy(2);
            }
        } finally {
            waiting.remove(taskId);
        }
    }

    /** Wakes the waiter of this task so it re-checks whether it was asked to stop. */
    void wake(String taskId) {
        CompletableFuture<String> future = waiting.get(taskId);
        if (future != null) {
            future.complete(null);
        }
    }

    private Wait.Finished awaitPublished(CompletableFuture<String> published, Duration wait)
            throws InterruptedException {
        try {
            return finished(published.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("bug: result futures are only completed normally", e);
        }
    }

    private Wait.Finished finished(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            CeleryResult result = CeleryResult.parse(json, stored);
            return result.isFinal() ? new Wait.Finished(result, stored) : null;
        } catch (IOException e) {
            log.warn("unreadable celery result in {}: {}", backend, e.getMessage());
            return null;
        }
    }

    /** Waits briefly for the first subscription, so a fast result is pushed rather than found by the next poll. */
    private void awaitSubscription(Instant deadline) throws InterruptedException {
        long millis = Math.min(FIRST_POLL.toMillis(), Math.max(0, Duration.between(clock.instant(), deadline).toMillis()));
        firstSubscription.await(millis, TimeUnit.MILLISECONDS);
    }

    private void subscribeLoop() {
        Duration delay = Duration.ofMillis(100);
        while (!closed) {
            try {
                subscriber = new Subscriber();
                redis.psubscribe(subscriber, KEY_PREFIX + "*");
                delay = Duration.ofMillis(100);
            } catch (JedisException e) {
                if (closed) {
                    return;
                }
                log.warn("celery result subscription to {} lost ({}); resubscribing in {} ms", backend,
                        e.getMessage(), delay.toMillis());
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                delay = delay.multipliedBy(2).compareTo(MAX_RESUBSCRIBE_DELAY) > 0 ? MAX_RESUBSCRIBE_DELAY
                        : delay.multipliedBy(2);
            }
        }
    }

    private final class Subscriber extends JedisPubSub {
        @Override
        public void onPSubscribe(String pattern, int subscribedChannels) {
            firstSubscription.countDown();
        }

        @Override
        public void onPMessage(String pattern, String channel, String message) {
            CompletableFuture<String> future = waiting.get(channel.substring(KEY_PREFIX.length()));
            if (future != null) {
                future.complete(message);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Subscriber current = subscriber;
        try {
            if (current != null && current.isSubscribed()) {
                current.punsubscribe();
            }
        } catch (JedisException e) {
            log.debug("unsubscribing from {} failed: {}", backend, e.toString());
        }
        subscriberThread.interrupt();
        redis.close();
    }
}
