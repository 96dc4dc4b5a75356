package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an H2 file database in a temporary directory, through {@link JdbcStore#embedded}. */
class H2StoreTest extends StoreContractTest {
    @TempDir
    static Path dataDir;

    @Override
    JdbcStore openStore() {
        return JdbcStore.embedded(dataDir);
    }

    @Override
    Connection openConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("hourglass"), "sa", "");
    }

    @Test
    void describeNamesH2AndItsFile() {
        assertThat(store.describe()).startsWith("H2 2.").contains("jdbc:h2:file:").contains("hourglass");
    }

    @Test
    void storeOnCallersDataSourceLeavesItOpenOnClose() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:callers;DB_CLOSE_DELAY=-1");
        try (JdbcStore callers = JdbcStore.create(dataSource)) {
            callers.migrate();
            assertThat(callers.insertJobs(List.of(job("t", T0))).get(0).created()).isTrue();
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM jobs")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Override
    void dropDatabase() {
        // the temporary directory goes with the test class
    }
}
