package io.hourglass.it;

import io.hourglass.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class ClaimAheadOnH2Test extends ClaimAheadScenarios {
    @TempDir
    static Path directory;

    @Override
    Store openStore() {
        return TestStores.h2(directory);
    }
}
