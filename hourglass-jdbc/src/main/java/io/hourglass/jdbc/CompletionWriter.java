package io.hourglass.jdbc;

import io.hourglass.store.Completion;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends attempts in one transaction per batch: the dialect's {@link Dialect#complete} writes the fenced updates
 * (each applies only while the job runs under the same owner and attempt number, so a zombie changes nothing) and
 * an attempt row for each accepted completion; then other nodes hear of accepted retries. The state each job takes
 * is the one core decided ({@link Completion#nextState()}): this class and the dialects only write it.
 */
final class CompletionWriter {
    /** The fence of every write by a job's owner: it still runs the job, under this owner and attempt number. */
    static final String FENCE = " WHERE id = ? AND state = 'running' AND owner = ? AND attempts = ?";

    private final Tx tx;
    private final Dialect dialect;
    private final TableStatistics statistics;

    CompletionWriter(Tx tx, Dialect dialect, TableStatistics statistics) {
        this.tx = tx;
        this.dialect = dialect;
        this.statistics = statistics;
    }

    boolean[] complete(List<Completion> completions) {
        if (completions.isEmpty()) {
            return new boolean[0];
        }
        boolean[] accepted = tx.inTransaction(() -> "completion of " + describe(completions), c -> {
            boolean[] written = dialect.complete(c, completions);
            notifyRetries(c, completions, written);
            return written;
        });
        int written = 0;
        for (boolean a : accepted) {
            written += a ? 1 : 0;
        }
        statistics.finished(written);
        return accepted;
    }

    /** The completions whose fence let them through, in order: those that get an attempt row. */
    static List<Completion> accepted(List<Completion> completions, boolean[] accepted) {
        List<Completion> rows = new ArrayList<>();
        for (int i = 0; i < completions.size(); i++) {
            if (accepted[i]) {
                rows.add(completions.get(i));
            }
        }
        return rows;
    }

    private void notifyRetries(Connection c, List<Completion> completions, boolean[] accepted) throws SQLException {
        Instant earliest = null;
        for (int i = 0; i < completions.size(); i++) {
            Instant retryAt = completions.get(i).retryAt();
            if (accepted[i] && retryAt != null && (earliest == null || retryAt.isBefore(earliest))) {
                earliest = retryAt;
            }
        }
        if (earliest != null) {
            dialect.notifyChange(c, ChangePayload.jobs(earliest));
        }
    }

    private static String describe(List<Completion> completions) {
        Completion first = completions.get(0);
        return completions.size() == 1
                ? "job " + first.jobId() + " attempt " + first.attempt() + " by owner '" + first.owner() + "'"
                : completions.size() + " jobs (first: job " + first.jobId() + " by owner '" + first.owner() + "')";
    }
}
