package io.hourglass.store;

import java.time.Instant;
import java.util.List;

/**
 * What firing one due schedule does, decided by the engine and written by the store in one transaction: the jobs
 * to create (one per fire time, by the misfire policy) and the schedule's next fire time (null: no more).
 */
public record FirePlan(List<NewJob> jobs, Instant nextFireAt) {
    public FirePlan {
        jobs = List.copyOf(jobs);
    }
}
