package io.hourglass.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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

    @Override
    void dropDatabase() {
        // the temporary directory goes with the test class
    }
}
