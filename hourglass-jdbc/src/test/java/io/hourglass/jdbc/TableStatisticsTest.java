package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * When the store refreshes the jobs table's statistics: at once for a bulk load and at the end of a drain, but not
 * every few seconds in a steady stream, where the refreshes kept autovacuum off the table.
 */
class TableStatisticsTest {
    /** Refreshes handed to the background, run when the test says (each refresh's own failure is logged only). */
    private final List<Runnable> refreshes = new ArrayList<>();
    private final TableStatistics statistics = new TableStatistics(new Tx(h2()), new PostgresDialect(),
            (Executor) refreshes::add);

    private static JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:statistics;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    private int refreshed() {
        int n = refreshes.size();
        new ArrayList<>(refreshes).forEach(Runnable::run);
        refreshes.clear();
        return n;
    }

    @Test
    void aBulkLoadIsRefreshedAtOnce() {
        statistics.inserted(TableStatistics.THRESHOLD);

        assertThat(refreshed()).isEqualTo(1);
    }

    @Test
    void aRefreshStillPendingTakesInTheNextRequestAndOneThatRanLetsTheNextThrough() {
        statistics.inserted(TableStatistics.THRESHOLD);
        statistics.finished(TableStatistics.THRESHOLD);
        statistics.claimedFull();
        statistics.claimedAllDue();
        assertThat(refreshes).as("the drain's end folded into the pending refresh").hasSize(1);
        assertThat(refreshed()).isEqualTo(1);

        statistics.finished(TableStatistics.THRESHOLD);
        statistics.claimedFull();
        statistics.claimedAllDue();
        assertThat(refreshed()).as("after the refresh ran").isEqualTo(1);
    }

    @Test
    void aSteadyStreamIsRefreshedOnceAndThenNotAgainWithinTheInterval() {
        for (int i = 0; i < 50; i++) { // 100,000 jobs in and out, every claim short
            statistics.inserted(TableStatistics.THRESHOLD / 5);
            statistics.finished(TableStatistics.THRESHOLD / 5);
            statistics.claimedAllDue();
        }

        assertThat(refreshed()).isEqualTo(1);
    }

    @Test
    void theEndOfADrainIsRefreshedAndShortClaimsWithoutABacklogAreNot() {
        statistics.finished(TableStatistics.THRESHOLD * 3);
        statistics.claimedAllDue();
        assertThat(refreshed()).as("short claims, no full one before").isZero();

        statistics.claimedFull();
        statistics.claimedAllDue();
        assertThat(refreshed()).as("a short claim after a full one: the drain ended").isEqualTo(1);

        statistics.claimedFull();
        statistics.finished(TableStatistics.THRESHOLD - 1);
        statistics.claimedAllDue();
        assertThat(refreshed()).as("fewer than the threshold since").isZero();
    }
}
