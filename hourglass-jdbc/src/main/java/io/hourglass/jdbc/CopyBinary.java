package io.hourglass.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, written to a {@link CopyIn} in blocks: an 11-byte signature and
 * two zero words, then per row the number of fields (int16) and per field its length (int32, -1 for NULL) and its
 * bytes in the column type's binary form, then -1 (int16) to end. The caller writes each value with the method of
 * its column's exact type, since the server reads the bytes as that type: {@code int4}, {@code int8}, text (any
 * {@code varchar} or {@code text} column: UTF-8, the connection's encoding, which pgjdbc always sets) and
 * {@code timestamptz} (microseconds since 2000-01-01 UTC, the instant cut to microseconds as {@link Sql} binds it).
 *
 * <p>Binary rather than text: measured (docs/benchmarks.md, "PostgreSQL write path"), the server spends about a
 * microsecond less per job reading it (no number and timestamp parsing, no escapes), and the client formats no
 * timestamps and escapes no text.
 */
final class CopyBinary {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final int BLOCK = 64 * 1024;
    /** 2000-01-01T00:00:00Z in microseconds since the Unix epoch: PostgreSQL's timestamp origin. */
    private static final long PG_EPOCH_MICROS = 946_684_800L * 1_000_000L;

    private byte[] buffer = new byte[BLOCK + 4096];
    private int length;

    CopyBinary() {
        put(SIGNATURE);
        int32(0); // flags: no OIDs
        int32(0); // header extension length
    }

    /** Starts a row of {@code fields} values. */
    CopyBinary row(int fields) {
        int16(fields);
        return this;
    }

    CopyBinary text(String value) {
        if (value == null) {
            return nullValue();
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int32(bytes.length);
        put(bytes);
        return this;
    }

    CopyBinary int4(Integer value) {
        if (value == null) {
            return nullValue();
        }
        int32(4);
        int32(value);
        return this;
    }

    CopyBinary int8(Long value) {
        if (value == null) {
            return nullValue();
        }
        int32(8);
        int64(value);
        return this;
    }

    CopyBinary timestamptz(Instant value) {
        if (value == null) {
            return nullValue();
        }
        Instant micros = Sql.micros(value);
        int32(8);
        int64(Math.addExact(Math.multiplyExact(micros.getEpochSecond(), 1_000_000L), micros.getNano() / 1000)
                - PG_EPOCH_MICROS);
        return this;
    }

    boolean isFull() {
        return length >= BLOCK;
    }

    /** Sends what is buffered and starts an empty block. */
    void flushTo(CopyIn copy) throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }

    /** Writes the trailer and sends the rest; the copy is then complete and ready for {@code endCopy}. */
    void finishTo(CopyIn copy) throws SQLException {
        int16(-1);
        flushTo(copy);
    }

    private CopyBinary nullValue() {
        int32(-1);
        return this;
    }

    private void int16(int value) {
        room(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void int32(int value) {
        room(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    private void int64(long value) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    private void put(byte[] bytes) {
        room(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void room(int bytes) {
        if (length + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + bytes));
        }
    }
}
