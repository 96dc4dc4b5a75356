package io.hourglass.it;

import io.hourglass.store.Store;
import org.junit.jupiter.api.Tag;

@Tag("postgres")
class AttemptsOnPostgresTest extends AttemptScenarios {
    @Override
    Store openStore() {
        return TestStores.postgres(getClass());
    }
}
