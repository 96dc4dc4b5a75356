package io.hourglass.job;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The two actions on "all jobs matching a filter", and which jobs each applies to: cancel takes scheduled and
 * running jobs; retry takes finished ones, failed and cancelled unless the filter names states (succeeded jobs are
 * run again only when asked for). A confirmation counts {@link #scope} of the filter, so what it announces is what
 * the action then does.
 */
public enum BulkAction {
    CANCEL(EnumSet.of(JobState.SCHEDULED, JobState.RUNNING), EnumSet.of(JobState.SCHEDULED, JobState.RUNNING)),
    RETRY(EnumSet.of(JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED),
            EnumSet.of(JobState.FAILED, JobState.CANCELLED));

    private final Set<JobState> applies;
    private final Set<JobState> byDefault;

    BulkAction(Set<JobState> applies, Set<JobState> byDefault) {
        this.applies = applies;
        this.byDefault = byDefault;
    }

    /** The filter narrowed to the states this action applies to; empty when none of the states it names is one. */
    public Optional<JobQuery> scope(JobQuery query) {
        if (query.states().isEmpty()) {
            return Optional.of(query.withStates(byDefault));
        }
        Set<JobState> states = EnumSet.noneOf(JobState.class);
        query.states().stream().filter(applies::contains).forEach(states::add);
        return states.isEmpty() ? Optional.empty() : Optional.of(query.withStates(states));
    }
}
