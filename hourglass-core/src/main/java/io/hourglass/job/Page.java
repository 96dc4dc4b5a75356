package io.hourglass.job;

import java.util.List;

/**
 * One page of results. {@code nextCursor} is passed back as {@link JobQuery#cursor()} for the next page; it is
 * null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
