package io.hourglass.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cron fire times in a time zone, with one explicit DST rule instead of whatever falls out of the calendar library.
 *
 * <p>Why it works this way: cron-utils evaluates the calendar fields well, but at DST changes its answers are
 * neither the cron convention nor consistent between its forward and backward searches (in 9.2.1 a daily 02:30
 * job is lost on spring-forward day, and the backward search sees the repeated 02:30 twice while the forward
 * one sees it once). So cron-utils only computes <em>wall-clock</em> fire times (on a zone without transitions),
 * and this class maps each wall time to instants by the Vixie cron rule:
 * <ul>
 *   <li>Schedules whose hour field is every hour ({@code *}, {@code 0-23}, or a step of 1 over all hours)
 *       follow real time: a wall time inside a spring-forward gap does not exist and does not fire; a wall
 *       time that occurs twice on fall-back day fires at both instants (an hourly job fires 23 times on
 *       spring-forward day, 25 on fall-back day).</li>
 *   <li>Schedules with fixed hours follow the wall clock: a wall time inside the gap fires once, at the first
 *       instant after the gap (the transition itself: a 02:30 daily job runs at 03:00 on spring-forward day);
 *       a wall time that occurs twice fires once, at its first occurrence.</li>
 * </ul>
 * Searching forward from an instant starts at the smallest wall time that can map past it (an overlap can map an
 * earlier wall time to a later instant) and stops at the first wall time whose earliest instant is past it: the
 * earliest (and the latest) instant of a wall time never decreases as the wall time grows, so no later wall time
 * can beat it. Searching backward is the mirror image. Away from DST changes, that is one cron-utils call.
 */
final class CronTimes {

    private static final Set<String> EVERY_HOUR = Set.of("*", "*/1", "0-23");

    private final ExecutionTime wallClock;
    private final ZoneId zone;
    private final boolean everyHour;

    CronTimes(Cron cron, ZoneId zone) {
        this.wallClock = ExecutionTime.forCron(cron);
        this.zone = zone;
        this.everyHour = EVERY_HOUR.contains(cron.retrieve(CronFieldName.HOUR).getExpression().asString());
    }

    /** The earliest fire time strictly after {@code after}. */
    Optional<Instant> next(Instant after) {
        // No instant after 'after' has a wall time at or before 'start' (see smallestOffsetAfter).
        LocalDateTime start = LocalDateTime.ofInstant(after, smallestOffsetAfter(after))
                .truncatedTo(ChronoUnit.SECONDS);
        ZonedDateTime cursor = start.atZone(ZoneOffset.UTC);
        Instant best = null;
        while (true) {
            Optional<ZonedDateTime> wall = wallClock.nextExecution(cursor);
            if (wall.isEmpty()) {
                return Optional.ofNullable(best);
            }
            cursor = advanced(cursor, wall.get(), true);
            List<Instant> instants = instantsOf(cursor.toLocalDateTime());
            if (!instants.isEmpty() && instants.get(0).isAfter(after)) {
                // no later wall time maps before this one's earliest instant
                return Optional.of(best == null || instants.get(0).isBefore(best) ? instants.get(0) : best);
            }
            for (Instant candidate : instants) {
                if (candidate.isAfter(after) && (best == null || candidate.isBefore(best))) {
                    best = candidate;
                }
            }
        }
    }

    /** The latest fire time strictly before {@code before}. */
    Optional<Instant> last(Instant before) {
        // No instant before 'before' has a wall time after 'start' (see largestOffsetBefore).
        LocalDateTime exact = LocalDateTime.ofInstant(before, largestOffsetBefore(before));
        LocalDateTime start = exact.truncatedTo(ChronoUnit.SECONDS);
        ZonedDateTime cursor = (start.equals(exact) ? start : start.plusSeconds(1)).atZone(ZoneOffset.UTC);
        Instant best = null;
        while (true) {
            Optional<ZonedDateTime> wall = wallClock.lastExecution(cursor);
            if (wall.isEmpty()) {
                return Optional.ofNullable(best);
            }
            cursor = advanced(cursor, wall.get(), false);
            List<Instant> instants = instantsOf(cursor.toLocalDateTime());
            Instant latest = instants.isEmpty() ? null : instants.get(instants.size() - 1);
            if (latest != null && latest.isBefore(before)) {
                // no earlier wall time maps after this one's latest instant
                return Optional.of(best == null || latest.isAfter(best) ? latest : best);
            }
            for (Instant candidate : instants) {
                if (candidate.isBefore(before) && (best == null || candidate.isAfter(best))) {
                    best = candidate;
                }
            }
        }
    }

    /** The instants a wall-clock fire time stands for, earliest first (see the class comment for the rule). */
    private List<Instant> instantsOf(LocalDateTime wall) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(wall);
        if (offsets.size() == 1) {
            return List.of(wall.toInstant(offsets.get(0)));
        }
        ZoneOffsetTransition transition = zone.getRules().getTransition(wall);
        if (transition.isGap()) {
            return everyHour ? List.of() : List.of(transition.getInstant());
        }
        Instant first = wall.toInstant(transition.getOffsetBefore());
        return everyHour ? List.of(first, wall.toInstant(transition.getOffsetAfter())) : List.of(first);
    }

    /**
     * The offset giving the smallest wall time that can map past {@code after}: the offset after a fall-back
     * transition when {@code after} lies in the first pass of the repeated hour, else the offset in force.
     */
    private ZoneOffset smallestOffsetAfter(Instant after) {
        ZoneOffsetTransition next = zone.getRules().nextTransition(after);
        if (next != null && next.isOverlap()
                && !after.isBefore(next.getInstant().minus(next.getDuration().abs()))) {
            return next.getOffsetAfter();
        }
        return zone.getRules().getOffset(after);
    }

    /**
     * The offset giving the largest wall time that can map before {@code before}: the offset before a fall-back
     * transition when {@code before} lies in the second pass of the repeated hour, else the offset in force.
     */
    private ZoneOffset largestOffsetBefore(Instant before) {
        ZoneOffsetTransition previous = zone.getRules().previousTransition(before.plusNanos(1));
        if (previous != null && previous.isOverlap() && !before.isBefore(previous.getInstant())
                && before.isBefore(previous.getInstant().plus(previous.getDuration().abs()))) {
            return previous.getOffsetBefore();
        }
        return zone.getRules().getOffset(before);
    }

    private static ZonedDateTime advanced(ZonedDateTime from, ZonedDateTime to, boolean forward) {
        if (forward ? !to.isAfter(from) : !to.isBefore(from)) {
            throw new IllegalStateException("bug: cron search did not move " + (forward ? "forward" : "backward")
                    + " from " + from + " (got " + to + ")");
        }
        return to;
    }
}
