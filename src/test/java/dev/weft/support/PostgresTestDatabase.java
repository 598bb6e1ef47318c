package dev.weft.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh PostgreSQL database per test class. Register it as a static {@code @RegisterExtension} field and read
 * {@link #url()} in a {@code @DynamicPropertySource} method. Mark a Spring test class {@code @DirtiesContext}: its
 * context is bound to this database alone and must close before the database is dropped.
 *
 * <p>The server comes from {@code WEFT_TEST_PG_URL} (+ {@code WEFT_TEST_PG_USER}, {@code WEFT_TEST_PG_PASSWORD}), a
 * JDBC URL of any database on a server where that user may create databases. When it is unset and the PostgreSQL
 * server binaries are installed, {@code scripts/pg-test.sh start} starts a throwaway server, stopped when all tests
 * are done. Without either, the test class is skipped.
 */
public final class PostgresTestDatabase implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresTestDatabase.class);

    private Server server;
    private String database;

    public String url() {
        requireStarted();
        return server.urlFor(database);
    }

    public String user() {
        requireStarted();
        return server.user();
    }

    public String password() {
        requireStarted();
        return server.password();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Server.class, key -> Server.find(), Server.class);
        Assumptions.assumeTrue(server.available(), server.skipReason());
        database = "weft_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        server.execute("CREATE DATABASE " + database);
        // dropped when the class's store closes, after every afterAll callback: by then a Spring context marked
        // @DirtiesContext has been closed, so nothing is left waiting on a database that no longer exists
        String created = database;
        context.getStore(NAMESPACE).put("database", (AutoCloseable) () ->
                server.execute("DROP DATABASE IF EXISTS " + created + " WITH (FORCE)"));
    }

    private void requireStarted() {
        if (database == null) {
            throw new IllegalStateException("the PostgreSQL test database is not ready: register PostgresTestDatabase"
                    + " as a static @RegisterExtension field");
        }
    }

    /** The server the databases live on; stops it at the end of the test run if it was started here. */
    record Server(String baseUrl, String user, String password, boolean startedHere, String skipReason)
            implements AutoCloseable {

        static Server find() {
            String url = System.getenv("WEFT_TEST_PG_URL");
            if (url != null && !url.isBlank()) {
                return new Server(url, envOr("WEFT_TEST_PG_USER", "postgres"), envOr("WEFT_TEST_PG_PASSWORD", ""), false, null);
            }
            if (!serverBinariesInstalled()) {
                return new Server(null, null, null, false,
                        "PostgreSQL tests skipped: WEFT_TEST_PG_URL is unset and no PostgreSQL server is installed"
                                + " (/usr/lib/postgresql/*/bin/initdb). Install the postgresql package or run .ci/run.");
            }
            Map<String, String> env = runScript("start");
            return new Server(env.get("WEFT_TEST_PG_URL"), env.get("WEFT_TEST_PG_USER"),
                    env.get("WEFT_TEST_PG_PASSWORD"), true, null);
        }

        boolean available() {
            return baseUrl != null;
        }

        String urlFor(String database) {
            int slash = baseUrl.indexOf('/', "jdbc:postgresql://".length());
            int query = baseUrl.indexOf('?', slash);
            return baseUrl.substring(0, slash + 1) + database + (query < 0 ? "" : baseUrl.substring(query));
        }

        void execute(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        @Override
        public void close() {
            if (startedHere) {
                runScript("stop");
            }
        }

        private static boolean serverBinariesInstalled() {
            try (var dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
                return dirs.anyMatch(d -> Files.isExecutable(d.resolve("bin/initdb")));
            } catch (IOException e) {
                return false;
            }
        }

        private static Map<String, String> runScript(String command) {
            try {
                Process p = new ProcessBuilder("bash", "scripts/pg-test.sh", command).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("scripts/pg-test.sh " + command + " failed:\n" + out);
                }
                Map<String, String> env = new HashMap<>();
                out.lines().filter(l -> l.startsWith("export ")).forEach(l -> {
                    String kv = l.substring("export ".length());
                    int eq = kv.indexOf('=');
                    env.put(kv.substring(0, eq), kv.substring(eq + 1));
                });
                return env;
            } catch (IOException e) {
                throw new IllegalStateException("could not run scripts/pg-test.sh " + command, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running scripts/pg-test.sh " + command, e);
            }
        }

        private static String envOr(String name, String fallback) {
            String v = System.getenv(name);
            return v == null ? fallback : v;
        }
    }
}
