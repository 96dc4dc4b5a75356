package io.hourglass.it;

import io.hourglass.store.Store;
import org.junit.jupiter.api.Tag;

@Tag("postgres")
class JobsOnPostgresTest extends JobScenarios {
    @Override
    Store openStore() {
        return TestStores.postgres(getClass());
    }
}
