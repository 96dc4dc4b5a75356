package io.hourglass.engine;

/**
 * An attempt's captured output, cut at the configured size. Output past the limit is dropped and the buffer
 * remembers that it was cut, so history says "truncated" instead of silently losing the tail.
 */
final class OutputBuffer {
    private final int maxChars;
    private final StringBuilder text = new StringBuilder();
    private boolean truncated;

    OutputBuffer(int maxChars) {
        this.maxChars = maxChars;
    }

    synchronized void append(CharSequence more) {
        if (more == null || more.length() == 0) {
            return;
        }
        int room = maxChars - text.length();
        if (more.length() <= room) {
            text.append(more);
            return;
        }
        text.append(more, 0, Math.max(0, room));
        truncated = true;
    }

    /** The captured text, or null when nothing was captured. */
    synchronized String text() {
        return text.length() == 0 ? null : text.toString();
    }

    synchronized boolean truncated() {
        return truncated;
    }

    /** A whole output (from a remote worker) cut the same way. */
    static OutputBuffer of(String output, int maxChars) {
        OutputBuffer buffer = new OutputBuffer(maxChars);
        buffer.append(output);
        return buffer;
    }
}
