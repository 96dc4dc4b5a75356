package io.hourglass.testing;

import io.hourglass.attempt.Attempt;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link HourglassTestKit#runDue()} (or {@link HourglassTestKit#advanceAndRunDue}) ran: one entry per
 * attempt, in the order the jobs were claimed (by priority, then due time), read back from the store after they
 * ended. A job retried within the call appears once per attempt.
 *
 * @param ran  each attempt with its job as it was after the call
 * @param at   the clock's time when the call returned
 */
public record RunResult(List<Ran> ran, Instant at) {

    /** One attempt that ran, and its job as stored after the call. */
    public record Ran(Job job, Attempt attempt) {
        public Ran {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(attempt, "attempt");
        }

        @Override
        public String toString() {
            return "job " + job.id() + " (task '" + job.task() + "') attempt " + attempt.number() + " "
                    + attempt.outcome().wireName() + " at " + attempt.startedAt()
                    + (attempt.error() == null ? "" : ": " + JobAssert.firstLine(attempt.error()));
        }
    }

    public RunResult {
        ran = List.copyOf(ran);
        Objects.requireNonNull(at, "at");
    }

    /** How many attempts ran. */
    public int count() {
        return ran.size();
    }

    /** How many attempts ended with {@code outcome}. */
    public long count(Outcome outcome) {
        return ran.stream().filter(r -> r.attempt().outcome() == outcome).count();
    }

    /** The attempts of {@code task}'s jobs. */
    public List<Ran> of(String task) {
        return ran.stream().filter(r -> r.job().task().equals(task)).toList();
    }

    /** The ids of the jobs that ran, once per attempt, in claim order. */
    public List<Long> jobIds() {
        return ran.stream().map(r -> r.job().id()).toList();
    }

    /** When each attempt started, in claim order: with a manual clock, the instants the kit stopped at. */
    public List<Instant> startTimes() {
        return ran.stream().map(r -> r.attempt().startedAt()).toList();
    }

    RunResult plus(RunResult later) {
        List<Ran> all = new ArrayList<>(ran);
        all.addAll(later.ran);
        return new RunResult(all, later.at);
    }

    @Override
    public String toString() {
        if (ran.isEmpty()) {
            return "nothing ran (at " + at + ")";
        }
        StringBuilder text = new StringBuilder(ran.size() + " attempts ran (at " + at + "):");
        for (Ran each : ran) {
            text.append("\n  ").append(each);
        }
        return text.toString();
    }
}
