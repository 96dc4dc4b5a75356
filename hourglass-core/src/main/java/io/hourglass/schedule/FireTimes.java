package io.hourglass.schedule;

import io.hourglass.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The schedule math: when a schedule fires next, and which jobs firing a due schedule creates.
 *
 * <p>Why it works this way: a schedule's fire times are a pure function of its definition (spec, start, end and
 * anchor), so every node computes the same instants and the store's unique (schedule, fire time) key can settle
 * races. Firing after downtime must stay cheap whatever the gap: work is bounded by the runs it returns (plus the
 * {@code misfireCap} for {@link MisfirePolicy#RUN_ALL}), never by the number of fire times missed, because missed
 * stretches are jumped over with {@link ScheduleSpec#lastBefore} and {@link ScheduleSpec#nextAfter} instead of
 * being enumerated.
 *
 * <p>Bounds: no fire time is before {@code startAt} or at/after {@code endAt}. Interval schedules count from
 * {@code startAt}, else from {@code createdAt}, else (a definition not stored yet) from the {@code after} instant
 * asked about.
 */
public final class FireTimes {

    /** Most fire times one {@link #preview} returns. */
    public static final int MAX_PREVIEW = 1000;

    private FireTimes() {
    }

    /**
     * What firing a due schedule does.
     *
     * @param runs       the jobs to create, in fire-time order
     * @param nextFireAt the schedule's next fire time after now, or null when it will not fire again
     */
    public record Firing(List<Run> runs, Instant nextFireAt) {
        public Firing {
            runs = List.copyOf(runs);
        }
    }

    /**
     * One job to create.
     *
     * @param fireAt the fire time the job stands for (the store's dedup key with the schedule's name)
     * @param dueAt  when the job is due: its fire time when on time, the firing instant when it was missed
     */
    public record Run(Instant fireAt, Instant dueAt) {
        public Run {
            Objects.requireNonNull(fireAt, "fireAt");
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }

    /** The first fire time strictly after {@code after}, within the schedule's start and end; empty if none. */
    public static Optional<Instant> next(Schedule s, Instant after) {
        Objects.requireNonNull(after, "after");
        return nextFrom(s, after, anchor(s, after));
    }

    private static Optional<Instant> nextFrom(Schedule s, Instant after, Instant anchor) {
        Instant from = after;
        if (s.startAt() != null && from.isBefore(s.startAt())) {
            from = s.startAt().minusNanos(1); // first fire at or after startAt
        }
        Optional<Instant> next = s.spec().nextAfter(from, anchor);
        if (next.isEmpty() || (s.endAt() != null && !next.get().isBefore(s.endAt()))) {
            return Optional.empty();
        }
        return next;
    }

    /** The next {@code count} (1 to {@value #MAX_PREVIEW}) fire times strictly after {@code after}. */
    public static List<Instant> preview(Schedule s, Instant after, int count) {
        InvalidRequestException.require(count >= 1 && count <= MAX_PREVIEW, "count",
                "must be between 1 and " + MAX_PREVIEW + ", was " + count);
        List<Instant> times = new ArrayList<>(count);
        Instant cursor = after;
        while (times.size() < count) {
            Optional<Instant> next = next(s, cursor);
            if (next.isEmpty()) {
                break;
            }
            times.add(next.get());
            cursor = next.get();
        }
        return times;
    }

    /**
     * Fires a schedule that is due ({@code s.nextFireAt() <= now}): the jobs for its fire times from
     * {@code s.nextFireAt()} up to and including {@code now}, and its next fire time after {@code now}.
     *
     * <p>A fire time is <em>missed</em> when it is older than {@code now - misfireGrace}; the others are on time
     * and each becomes a {@code Run(fireAt, dueAt = fireAt)}. Missed fire times follow the schedule's policy:
     * <ul>
     *   <li>{@link MisfirePolicy#SKIP}: no run.</li>
     *   <li>{@link MisfirePolicy#RUN_ONCE}: one {@code Run(latest missed fire time, now)} for all of them.</li>
     *   <li>{@link MisfirePolicy#RUN_ALL}: one {@code Run(fireAt, now)} per missed fire time, but only the
     *       {@code misfireCap} <em>most recent</em> ones (older ones are dropped: after a long outage the latest
     *       periods matter most), oldest of those first.</li>
     * </ul>
     * A schedule that is not due (no next fire time, or one after {@code now}) gets no runs and keeps its next
     * fire time.
     */
    public static Firing fire(Schedule s, Instant now, Duration misfireGrace) {
        Objects.requireNonNull(now, "now");
        InvalidRequestException.require(misfireGrace != null && !misfireGrace.isNegative(), "misfireGrace",
                "must not be negative, was " + misfireGrace);
        Instant first = s.nextFireAt();
        if (first == null || first.isAfter(now)) {
            return new Firing(List.of(), first);
        }
        Instant anchor = anchor(s, first); // a definition not stored yet counts from its first fire time
        if (s.startAt() != null && first.isBefore(s.startAt())) {
            first = nextFrom(s, s.startAt().minusNanos(1), anchor).orElse(null);
        }
        Instant cutoff = now.minus(misfireGrace);
        List<Run> runs = new ArrayList<>();
        if (first != null && first.isBefore(cutoff)) {
            runs.addAll(missedRuns(s, first, cutoff, now, anchor));
        }
        if (first != null && !first.isAfter(now)) {
            Instant onTime = first.isBefore(cutoff)
                    ? nextFrom(s, cutoff.minusNanos(1), anchor).orElse(null) // first fire at or after the cutoff
                    : first;
            while (onTime != null && !onTime.isAfter(now) && inBounds(s, onTime)) {
                runs.add(new Run(onTime, onTime));
                onTime = nextFrom(s, onTime, anchor).orElse(null);
            }
        }
        return new Firing(runs, nextFrom(s, now, anchor).orElse(null));
    }

    /** Runs for the fire times in [first, cutoff), by the misfire policy, without enumerating the whole gap. */
    private static List<Run> missedRuns(Schedule s, Instant first, Instant cutoff, Instant now, Instant anchor) {
        return switch (s.misfirePolicy()) {
            case SKIP -> List.of();
            case RUN_ONCE -> latestBefore(s, cutoff, first, anchor)
                    .map(latest -> List.of(new Run(latest, now)))
                    .orElse(List.of());
            case RUN_ALL -> {
                Deque<Run> recent = new ArrayDeque<>();
                Optional<Instant> cursor = latestBefore(s, cutoff, first, anchor);
                while (cursor.isPresent() && recent.size() < s.misfireCap()) {
                    recent.addFirst(new Run(cursor.get(), now));
                    cursor = latestBefore(s, cursor.get(), first, anchor);
                }
                yield List.copyOf(recent);
            }
        };
    }

    /** The latest fire time strictly before {@code before} and not before {@code floor}, within bounds. */
    private static Optional<Instant> latestBefore(Schedule s, Instant before, Instant floor, Instant anchor) {
        Instant limit = s.endAt() != null && s.endAt().isBefore(before) ? s.endAt() : before;
        Optional<Instant> latest = s.spec().lastBefore(limit, anchor);
        return latest.filter(t -> !t.isBefore(floor) && inBounds(s, t));
    }

    private static boolean inBounds(Schedule s, Instant t) {
        return (s.startAt() == null || !t.isBefore(s.startAt())) && (s.endAt() == null || t.isBefore(s.endAt()));
    }

    private static Instant anchor(Schedule s, Instant fallback) {
        if (s.startAt() != null) {
            return s.startAt();
        }
        return s.createdAt() != null ? s.createdAt() : fallback;
    }
}
