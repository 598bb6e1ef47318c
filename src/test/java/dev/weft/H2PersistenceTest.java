package dev.weft;

import dev.weft.support.TestDataDirs;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The persistence contract on the default embedded H2 file database, in a fresh data directory. */
class H2PersistenceTest extends PersistenceContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("h2").toString());
    }
}
