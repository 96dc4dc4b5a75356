package io.hourglass.job;

/**
 * A bounded count of the jobs matching a filter ({@code HourglassClient.countJobs}): counting stops after the cap,
 * so asking "how many?" of a history of millions costs at most the cap's worth of index entries.
 *
 * @param count the jobs counted: exact when {@code more} is false, else the cap
 * @param more  true when more than {@code count} jobs match
 */
public record JobCount(long count, boolean more) {

    /** "3", or "more than 10,000" when the count stopped at its cap. */
    public String describe() {
        return more ? String.format(java.util.Locale.ROOT, "more than %,d", count)
                : String.format(java.util.Locale.ROOT, "%,d", count);
    }
}
