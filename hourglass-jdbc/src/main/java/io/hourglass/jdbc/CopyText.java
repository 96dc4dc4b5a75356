package io.hourglass.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's {@code COPY} text format, written to a {@link CopyIn} in blocks: columns split by a tab,
 * rows ended by a newline, {@code \N} for NULL, and in values a backslash, tab, newline and carriage return
 * escaped with a backslash (every other character is itself; the connection's encoding is UTF-8, which pgjdbc
 * always sets). Instants are written as ISO-8601 UTC cut to microseconds, as {@link Sql} binds them.
 *
 * <p>Text rather than binary: the binary format would spare the server parsing numbers and timestamps, but
 * measured, inserting into {@code jobs} is index maintenance on the server and the client waits for it most of
 * the time, and the text format needs no per-type encoders to keep right.
 */
final class CopyText {
    private static final int BLOCK = 64 * 1024;

    private final StringBuilder buffer = new StringBuilder(BLOCK + 4096);
    private boolean rowStarted;

    CopyText value(String value) {
        separate();
        if (value == null) {
            buffer.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
        return this;
    }

    CopyText value(Instant value) {
        return value == null ? value((String) null) : value(PostgresDialect.iso(value));
    }

    CopyText value(Number value) {
        separate();
        if (value == null) {
            buffer.append("\\N");
        } else {
            buffer.append(value);
        }
        return this;
    }

    CopyText value(long value) {
        separate();
        buffer.append(value);
        return this;
    }

    void endRow() {
        buffer.append('\n');
        rowStarted = false;
    }

    boolean isFull() {
        return buffer.length() >= BLOCK;
    }

    /** Sends what is buffered and starts an empty block. */
    void flushTo(CopyIn copy) throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }

    private void separate() {
        if (rowStarted) {
            buffer.append('\t');
        }
        rowStarted = true;
    }
}
