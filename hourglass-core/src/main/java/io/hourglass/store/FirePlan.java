package io.hourglass.store;

import java.time.Instant;
import java.util.List;

/**
 * What firing one due schedule does, decided by the engine and written by the store in one transaction: the jobs
 * to create (one per fire time, by the misfire policy) and the schedule's next fire time (null: no more).
 *
 * @param skipIfPending when the schedule's previous job (the one with its latest fire time) is still scheduled or
 *                      running, the store creates none of {@code jobs}, still moves the next fire time on, and adds
 *                      the number of skipped fire times to the schedule's skipped count; decided in the fire's
 *                      transaction, with the schedule row locked, so two nodes cannot both decide otherwise
 */
public record FirePlan(List<NewJob> jobs, Instant nextFireAt, boolean skipIfPending) {
    public FirePlan {
        jobs = List.copyOf(jobs);
    }

    /** A plan that creates its jobs whatever is pending. */
    public FirePlan(List<NewJob> jobs, Instant nextFireAt) {
        this(jobs, nextFireAt, false);
    }
}
