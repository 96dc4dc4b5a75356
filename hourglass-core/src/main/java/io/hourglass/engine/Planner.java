package io.hourglass.engine;

import io.hourglass.schedule.FireTimes;
import io.hourglass.schedule.Schedule;
import io.hourglass.store.FirePlan;
import io.hourglass.store.NewJob;
import io.hourglass.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns due schedule fire times into jobs, on one thread ("hourglass-planner"). It parks on its {@link Pacer}
 * until the earliest next fire time of any schedule (or the fallback poll), and is woken early when a schedule
 * changes here or on another node.
 *
 * <p>The store locks each due schedule with SKIP LOCKED and, in one transaction, inserts the jobs this planner
 * decides on and moves the schedule to its next fire time, with (schedule, fire time, matrix cell) unique: so
 * several nodes planning at once create each job exactly once, one per cell of a matrix schedule. What to run for missed fire times is {@link FireTimes}'s call.
 */
final class Planner {
    private static final Logger log = LoggerFactory.getLogger(Planner.class);
    static final int BATCH = 100;

    private final EngineConfig config;
    private final Store store;
    private final Clock clock;
    private final JobFactory jobs;
    private final Runnable jobsPlanned;
    private final EngineEvents events;
    private final PacedThread loop;

    Planner(EngineConfig config, JobFactory jobs, Runnable jobsPlanned, EngineEvents events) {
        this.config = config;
        this.store = config.store();
        this.clock = config.clock();
        this.jobs = jobs;
        this.jobsPlanned = jobsPlanned;
        this.events = events;
        this.loop = new PacedThread("hourglass-planner", config.nodeName(), "planning schedules", clock,
                config.pollInterval(), this::planRound);
    }

    void start() {
        loop.start();
    }

    void stop() {
        loop.stop();
    }

    void wakeNow() {
        loop.wakeNow();
    }

    private void planRound() {
        Instant plannedAt = planDueSchedules();
        Instant fallback = clock.instant().plus(config.pollInterval());
        // a fire time that was due when we planned and is still pending belongs to a schedule another node has
        // locked right now: it fires it, so waking for it again at once would only spin
        loop.wakeAt(store.nextFireAt().filter(next -> next.isAfter(plannedAt))
                .filter(next -> next.isBefore(fallback)).orElse(fallback));
    }

    /** Fires every due schedule; returns the time it last looked. Also a {@link DueRunner}'s plan, by hand. */
    Instant planDueSchedules() {
        int fired;
        int total = 0;
        Instant now;
        do {
            Instant at = clock.instant();
            now = at;
            // Counted per queue as planned and reported once the store committed them; a (schedule, fire time)
            // that already had its job is skipped by the store but still counted here, which only a schedule
            // edited back to an earlier fire time can cause, and a fire a skipIfPending schedule skipped.
            java.util.Map<String, Integer> planned = new java.util.HashMap<>();
            fired = store.fireDueSchedules(at, BATCH, schedule -> plan(schedule, at, planned));
            planned.forEach(events::jobsEnqueued);
            total += fired;
        } while (fired == BATCH && loop.isRunning());
        if (total > 0) {
            jobsPlanned.run();
        }
        return now;
    }

    private FirePlan plan(Schedule schedule, Instant now, java.util.Map<String, Integer> plannedPerQueue) {
        FireTimes.Firing firing = FireTimes.fire(schedule, now, config.misfireGrace());
        List<NewJob> planned = new ArrayList<>(firing.runs().size());
        for (FireTimes.Run run : firing.runs()) {
            planned.addAll(jobs.fromSchedule(schedule, run.fireAt(), run.dueAt(), now));
        }
        if (log.isDebugEnabled()) {
            log.debug("{}: schedule '{}' fired {} jobs, next at {}", config.nodeName(), schedule.name(),
                    planned.size(), firing.nextFireAt());
        }
        for (NewJob job : planned) {
            plannedPerQueue.merge(job.queue(), 1, Integer::sum);
        }
        return new FirePlan(planned, firing.nextFireAt(), schedule.skipIfPending());
    }
}
