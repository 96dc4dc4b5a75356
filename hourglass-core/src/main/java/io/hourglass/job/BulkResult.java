package io.hourglass.job;

/**
 * What a bulk cancel or retry ({@code HourglassClient.cancelMatching}, {@code retryMatching}) did to the jobs
 * matching its filter, up to its limit.
 *
 * @param matched jobs the action was tried on: matching the filter and in a state it applies to, at most the limit
 * @param applied of those, the ones it changed: cancelled or asked to stop; retried as a fresh copy (a copy is not
 *                made while another job with the same dedup key is unfinished)
 * @param more    true when further jobs matched beyond the limit (run the action again for them)
 */
public record BulkResult(int matched, int applied, boolean more) {
}
