package dev.weft;

import dev.weft.support.PostgresTestDatabase;
import dev.weft.support.TestDataDirs;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The persistence contract on PostgreSQL, in a database of its own (skipped when no PostgreSQL is at hand). */
@DirtiesContext
class PostgresPersistenceTest extends PersistenceContract {

    @RegisterExtension
    static final PostgresTestDatabase POSTGRES = new PostgresTestDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("pg").toString());
        registry.add("spring.datasource.url", POSTGRES::url);
        registry.add("spring.datasource.username", POSTGRES::user);
        registry.add("spring.datasource.password", POSTGRES::password);
    }
}
