package io.hourglass.it;

import io.hourglass.store.Store;
import org.junit.jupiter.api.Tag;

@Tag("postgres")
class ClaimAheadOnPostgresTest extends ClaimAheadScenarios {
    private String schema;

    @Override
    Store openStore() {
        schema = TestStores.freshSchema(getClass());
        return TestStores.postgres(schema);
    }

    @Override
    void discardStore() {
        TestStores.dropSchema(schema);
    }
}
