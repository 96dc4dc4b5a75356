package io.hourglass.schedule;

import io.hourglass.InvalidRequestException;
import io.hourglass.internal.Instants;
import java.time.Instant;
import java.util.Optional;

/** Fires once, at {@code at} (django-celery-beat calls this "clocked"). */
public record OnceSpec(Instant at) implements ScheduleSpec {

    public OnceSpec {
        InvalidRequestException.require(at != null, "at", "a one-off schedule needs an instant");
        Instants.requireInRange("once", at);
    }

    @Override
    public Optional<Instant> nextAfter(Instant after, Instant anchor) {
        return after.isBefore(at) ? Optional.of(at) : Optional.empty();
    }

    @Override
    public Optional<Instant> lastBefore(Instant before, Instant anchor) {
        return at.isBefore(before) ? Optional.of(at) : Optional.empty();
    }
}
