package io.hourglass.engine;

import io.hourglass.InvalidRequestException;
import io.hourglass.NotFoundException;
import io.hourglass.schedule.CronSpec;
import io.hourglass.schedule.FireTimes;
import io.hourglass.schedule.OnceSpec;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleChange;
import io.hourglass.schedule.ScheduleChange.Action;
import io.hourglass.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Creates, edits and deletes schedules. Every change computes the schedule's next fire time from now, here, and
 * stores it with the definition; planners on every node (woken by the change) then fire it at that time. Run state
 * (last fire time, run count, creation time) survives edits; a disabled schedule has no next fire time. Each
 * change names its actor and is recorded in the schedule's history by the same store transaction
 * ({@link ScheduleChange}).
 */
final class ScheduleEditor {
    private final Store store;
    private final Clock clock;
    private final KnownTasks known;

    ScheduleEditor(Store store, Clock clock, KnownTasks known) {
        this.store = store;
        this.clock = clock;
        this.known = known;
    }

    Schedule create(Schedule definition, String actor) {
        InvalidRequestException.require(definition != null, "schedule", "must not be null");
        Instant now = clock.instant();
        if (definition.spec() instanceof OnceSpec once) {
            InvalidRequestException.require(once.at().isAfter(now), "once", "schedule '" + definition.name()
                    + "': a one-off schedule must be in the future, was " + once.at() + " (now " + now + ")");
        }
        Schedule created = withNextFire(definition.withRunState(null, null, 0, now, now), now);
        requireFires(created, now);
        requireKnownTask(definition); // after the definition's own checks: a malformed one is a 400 before any 422
        store.insertSchedule(created, ScheduleChange.of(actor, Action.CREATED, null, created, now));
        return stored(created.name());
    }

    Schedule update(Schedule definition, String actor) {
        InvalidRequestException.require(definition != null, "schedule", "must not be null");
        Schedule existing = find(definition.name());
        Instant now = clock.instant();
        Schedule updated = withNextFire(definition.withSkippedCount(existing.skippedCount())
                .withRunState(null, existing.lastFireAt(), existing.runCount(), existing.createdAt(), now), now);
        requireFires(updated, now);
        requireKnownTask(definition);
        if (!store.updateSchedule(updated, ScheduleChange.of(actor, Action.UPDATED, existing, updated, now))) {
            throw new NotFoundException("schedule", definition.name());
        }
        return stored(updated.name());
    }

    Schedule setEnabled(String name, boolean enabled, String actor) {
        Schedule existing = find(name);
        Instant now = clock.instant();
        Schedule changed = withNextFire(existing.withEnabled(enabled)
                .withRunState(null, existing.lastFireAt(), existing.runCount(), existing.createdAt(), now), now);
        Action action = enabled ? Action.ENABLED : Action.DISABLED;
        if (!store.updateSchedule(changed, ScheduleChange.of(actor, action, existing, changed, now))) {
            throw new NotFoundException("schedule", name);
        }
        return stored(name);
    }

    /** Deletes a schedule; false when there was none (and nothing is recorded). */
    boolean delete(String name, String actor) {
        InvalidRequestException.require(name != null && !name.isBlank(), "name", "schedule name must not be blank");
        Optional<Schedule> existing = store.findSchedule(name);
        return existing.isPresent() && store.deleteSchedule(name,
                ScheduleChange.of(actor, Action.DELETED, existing.get(), null, clock.instant()));
    }

    /** Records a trigger of a schedule: the job it enqueued. */
    void triggered(String name, long jobId, String actor) {
        store.recordScheduleChange(ScheduleChange.triggered(actor, name, jobId, clock.instant()));
    }

    List<ScheduleChange> history(String name, int limit) {
        InvalidRequestException.require(name != null && !name.isBlank(), "name", "schedule name must not be blank");
        InvalidRequestException.require(limit >= 1 && limit <= ScheduleChange.MAX_READ, "limit",
                "must be 1 to " + ScheduleChange.MAX_READ + ", was " + limit);
        return store.scheduleChanges(name, limit);
    }

    List<Instant> preview(Schedule definition, Instant after, int count) {
        InvalidRequestException.require(definition != null, "schedule", "must not be null");
        InvalidRequestException.require(after != null, "after", "must not be null");
        return FireTimes.preview(definition, after, count);
    }

    /** A schedule of a task nothing runs is refused, unless it says it means it. */
    private void requireKnownTask(Schedule definition) {
        if (!definition.allowUnknownTask()) {
            known.require(List.of(definition.task()));
        }
    }

    Schedule find(String name) {
        InvalidRequestException.require(name != null && !name.isBlank(), "name", "schedule name must not be blank");
        return store.findSchedule(name).orElseThrow(() -> new NotFoundException("schedule", name));
    }

    /** The schedule as the store keeps it (instants at the store's precision), as every later read returns it. */
    private Schedule stored(String name) {
        return store.findSchedule(name).orElseThrow(() -> new NotFoundException("schedule", name));
    }

    /**
     * Refuses a definition that would never fire again, enabled or not: a cron expression no date matches
     * ({@code 0 0 30 2 *}), a one-off instant already past, or bounds ({@code startAt}, {@code endAt}) that leave
     * no fire time. Saving it would only create a schedule that silently does nothing.
     */
    private static void requireFires(Schedule schedule, Instant now) {
        if (FireTimes.next(schedule, now).isPresent()) {
            return;
        }
        Instant anchor = schedule.startAt() != null ? schedule.startAt() : schedule.createdAt();
        if (schedule.spec() instanceof CronSpec cron && cron.nextAfter(now, anchor).isEmpty()) {
            throw new InvalidRequestException("cron", "schedule '" + schedule.name() + "': '" + cron.expression()
                    + "' never fires after " + now + " (no date matches it)");
        }
        if (schedule.spec() instanceof OnceSpec once && !once.at().isAfter(now)) {
            throw new InvalidRequestException("once", "schedule '" + schedule.name() + "': " + once.at()
                    + " is past (now " + now + "), so it would never fire");
        }
        throw new InvalidRequestException(schedule.endAt() != null ? "endAt" : "startAt", "schedule '"
                + schedule.name() + "': no fire time from " + (schedule.startAt() == null ? "now" : "startAt "
                + schedule.startAt()) + (schedule.endAt() == null ? "" : " to endAt " + schedule.endAt())
                + " (now " + now + ")");
    }

    private static Schedule withNextFire(Schedule schedule, Instant now) {
        Instant next = schedule.enabled() ? FireTimes.next(schedule, now).orElse(null) : null;
        return schedule.withRunState(next, schedule.lastFireAt(), schedule.runCount(), schedule.createdAt(),
                schedule.updatedAt());
    }
}
