package io.hourglass.testing;

import io.hourglass.internal.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test moves it. Thread-safe; copies made with {@link #withZone} share the time.
 *
 * <p>A node built with it follows it: the engine's threads park for real time worked out from this clock, and every
 * move ({@link #advance}, {@link #set}) wakes them to look again, so on a started node a job due at the new time
 * starts promptly instead of after the poll interval. For tests that run nothing in the background, see
 * {@link HourglassTestKit}, whose node runs only when the test says {@code runDue()}.
 */
public final class ManualClock extends Clock implements MovableClock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;
    private final List<Runnable> listeners;

    public ManualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC,
                new CopyOnWriteArrayList<>());
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone, List<Runnable> listeners) {
        this.now = now;
        this.zone = zone;
        this.listeners = listeners;
    }

    /** A clock at a round, readable instant: 2026-01-01T00:00:00Z. */
    public static ManualClock atEpochDay() {
        return new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Moves the clock forward (or back, for a negative duration) and returns the new time. */
    public Instant advance(Duration by) {
        Objects.requireNonNull(by, "by");
        Instant moved = now.updateAndGet(t -> t.plus(by));
        moved();
        return moved;
    }

    /** Sets the clock to {@code value}. */
    public void set(Instant value) {
        now.set(Objects.requireNonNull(value, "value"));
        moved();
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId value) {
        return new ManualClock(now, value, listeners);
    }

    @Override
    public Subscription onMove(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "ManualClock[" + now.get() + ", " + zone + "]";
    }

    private void moved() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }
}
