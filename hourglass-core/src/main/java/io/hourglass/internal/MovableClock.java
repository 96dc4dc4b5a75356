package io.hourglass.internal;

/**
 * A clock that jumps when a test moves it, and says so. The engine's threads park for real time worked out from
 * the clock ({@code due - clock.instant()}), so a jump ahead would otherwise be noticed only at the end of the
 * current park, up to the poll interval later; told of a move, each parked thread looks at the clock again at
 * once, and work due at the new time starts promptly. hourglass-testing's {@code ManualClock} is one; the engine
 * subscribes for each thread it parks and cancels when the thread ends.
 */
public interface MovableClock {

    /**
     * Calls {@code listener} after every move of this clock (and of its copies in other zones), on the thread that
     * moved it, until the returned subscription is cancelled. Listeners must be quick and must not block.
     */
    Subscription onMove(Runnable listener);

    /** A registered listener; cancelling twice does nothing more. */
    interface Subscription {
        void cancel();
    }
}
