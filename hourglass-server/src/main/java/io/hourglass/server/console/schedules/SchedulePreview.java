package io.hourglass.server.console.schedules;

import java.time.Instant;
import java.util.List;

/**
 * What the schedule editor's preview shows: the timing in words and the next fire times, or the reason there are
 * none (the API's message for an invalid timing, or that it never fires).
 *
 * @param timing null when the timing could not be read
 * @param error  null when the fire times are all there is to say
 */
public record SchedulePreview(String timing, List<Instant> fireTimes, String error) {
}
