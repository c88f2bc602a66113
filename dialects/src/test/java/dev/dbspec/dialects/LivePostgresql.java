package dev.dbspec.dialects;

import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The live PostgreSQL of the kit ({@link TestDatabases#require}), for the pipeline's execution tests. */
final class LivePostgresql {
    private LivePostgresql() {
    }

    /** A new connection; the test fails (or is skipped, as the kit decides) when no PostgreSQL is reachable. */
    static Connection connect() throws SQLException {
        TestDatabase database = TestDatabases.require("postgresql");
        Properties properties = new Properties();
        database.user().ifPresent(user -> properties.setProperty("user", user));
        database.password().ifPresent(password -> properties.setProperty("password", password));
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }
}
