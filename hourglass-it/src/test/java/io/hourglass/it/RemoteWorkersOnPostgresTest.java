package io.hourglass.it;

import io.hourglass.store.Store;
import org.junit.jupiter.api.Tag;

@Tag("postgres")
class RemoteWorkersOnPostgresTest extends RemoteWorkerScenarios {
    @Override
    Store openStore() {
        return TestStores.postgres(getClass());
    }
}
