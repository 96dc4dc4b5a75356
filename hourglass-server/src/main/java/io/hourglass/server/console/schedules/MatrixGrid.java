package io.hourglass.server.console.schedules;

import io.hourglass.HourglassClient;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.schedule.Schedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A matrix schedule's cells and the last job of each, for the schedule's page: with exactly two matrix keys a grid
 * (the first key's values as rows, the rest of each combination as columns), otherwise a list of cells. A job
 * belongs to the cell whose combination its kwargs carry (each fire merges the combination into the kwargs), so
 * the grid is read through {@link HourglassClient#jobs} alone: the newest {@link #JOBS_PER_CELL} jobs per cell of
 * the schedule are looked at, and a cell with none among them shows "no job yet".
 *
 * <p>Each cell's status tells infrastructure failures ({@code infra_error}, {@code timed_out}) apart from real
 * failures ({@code failed}), and both from succeeded, expired, cancelled and unfinished ("pending") jobs.
 *
 * @param rowKey  the matrix key whose values are the rows; null for a list
 * @param columns the column labels of a grid (empty for a list)
 * @param rows    the rows in combination order, each with its cells (one per column, or one for a list)
 */
public record MatrixGrid(String rowKey, List<String> columns, List<Row> rows) {
    /** How many of the schedule's newest jobs are read per cell to find each cell's last job. */
    static final int JOBS_PER_CELL = 4;

    /** One row: its label and its cells (null where a column has no combination in this row). */
    public record Row(String label, List<Cell> cells) { }

    /** One combination and its last job (null when none was found). */
    public record Cell(Map<String, Object> combination, Job job) {
        /** succeeded, failed, infra, expired, cancelled, pending or none: the cell's CSS class suffix. */
        public String status() {
            if (job == null) {
                return "none";
            }
            if (!job.state().isFinished()) {
                return "pending";
            }
            return switch (job.state()) {
                case SUCCEEDED -> "succeeded";
                case EXPIRED -> "expired";
                case CANCELLED -> "cancelled";
                default -> job.lastOutcome() == Outcome.INFRA_ERROR || job.lastOutcome() == Outcome.TIMED_OUT
                        ? "infra" : "failed";
            };
        }

        /** The outcome as shown: the final state, or the last attempt's outcome of a failed job. */
        public String outcome() {
            if (job == null) {
                return "no job yet";
            }
            if (job.state() == JobState.FAILED && job.lastOutcome() != null) {
                return job.lastOutcome().wireName();
            }
            return job.state().wireName();
        }

        /** When the job finished, else when it is due. */
        public Instant when() {
            return job == null ? null : job.finishedAt() != null ? job.finishedAt() : job.dueAt();
        }

        /** A finished job that did not succeed: what "retry failed cells" retries. */
        public boolean retryable() {
            return job != null && job.state().isFinished() && job.state() != JobState.SUCCEEDED;
        }

        public String label() {
            return SchedulePreview.combination(combination);
        }
    }

    /** The grid of a matrix schedule; null for a schedule without a matrix. */
    static MatrixGrid of(HourglassClient client, Schedule schedule) {
        if (schedule.matrix() == null) {
            return null;
        }
        List<Map<String, Object>> combinations = schedule.matrix().combinations();
        List<Job> jobs = client.jobs(JobQuery.all().withScheduleName(schedule.name()).withLimit(Math.min(
                JobQuery.MAX_LIMIT, combinations.size() * JOBS_PER_CELL))).items();
        List<Cell> cells = new ArrayList<>();
        for (Map<String, Object> combination : combinations) {
            Job last = jobs.stream().filter(j -> carries(j, combination)).findFirst().orElse(null);
            cells.add(new Cell(combination, last));
        }
        List<String> keys = new ArrayList<>(schedule.matrix().values().keySet());
        return keys.size() == 2 ? grid(keys.get(0), cells) : list(cells);
    }

    /** The cells, in combination order. */
    public List<Cell> cells() {
        return rows.stream().flatMap(r -> r.cells().stream()).filter(Objects::nonNull).toList();
    }

    public boolean isGrid() {
        return rowKey != null;
    }

    /** The cells whose last job is finished and did not succeed. */
    public List<Cell> retryable() {
        return cells().stream().filter(Cell::retryable).toList();
    }

    private static boolean carries(Job job, Map<String, Object> combination) {
        return combination.entrySet().stream().allMatch(e -> job.kwargs().containsKey(e.getKey())
                && Objects.equals(String.valueOf(job.kwargs().get(e.getKey())), String.valueOf(e.getValue())));
    }

    private static MatrixGrid list(List<Cell> cells) {
        return new MatrixGrid(null, List.of(), cells.stream().map(c -> new Row(c.label(), List.of(c))).toList());
    }

    private static MatrixGrid grid(String rowKey, List<Cell> cells) {
        Map<String, Map<String, Cell>> byRow = new LinkedHashMap<>();
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        for (Cell c : cells) {
            Map<String, Object> rest = new LinkedHashMap<>(c.combination());
            Object row = rest.remove(rowKey);
            String column = SchedulePreview.combination(rest);
            columns.add(column);
            byRow.computeIfAbsent(String.valueOf(row), r -> new LinkedHashMap<>()).put(column, c);
        }
        List<Row> rows = new ArrayList<>();
        byRow.forEach((label, row) -> rows.add(new Row(label, columns.stream().map(row::get).toList())));
        return new MatrixGrid(rowKey, List.copyOf(columns), rows);
    }
}
