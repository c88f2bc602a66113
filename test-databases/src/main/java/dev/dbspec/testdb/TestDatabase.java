package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * A database tests can use: the engine it runs, its JDBC URL and credentials, and where it came from.
 *
 * @param engineId engine spec id, for example {@code postgresql}
 * @param jdbcUrl  the URL (never contains the password)
 * @param user     user name, empty for embedded engines
 * @param password password, empty when none; never printed
 * @param source   how it was found, for example {@code local service 127.0.0.1:5432}
 */
public record TestDatabase(String engineId, String jdbcUrl, Optional<String> user, Optional<String> password, String source) {
    public TestDatabase {
        requireNonNull(engineId, "engineId is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(source, "source is null");
    }

    /** Opens a connection with the spec's own driver, as the host does ({@link EngineSpec#connect}). */
    public Connection connect(EngineSpec spec) throws SQLException {
        requireNonNull(spec, "spec is null");
        return spec.connect(jdbcUrl, properties());
    }

    /** The driver properties: {@code user} and {@code password} when present; a new copy each time. */
    public Properties properties() {
        Properties properties = new Properties();
        user.ifPresent(value -> properties.setProperty("user", value));
        password.ifPresent(value -> properties.setProperty("password", value));
        return properties;
    }

    /** This database as the live checks' {@link LiveChecks.Target}, opened with the spec's own driver. */
    public LiveChecks.Target target(EngineSpec spec) {
        requireNonNull(spec, "spec is null");
        return new LiveChecks.Target(jdbcUrl, properties(), spec::connect);
    }

    @Override
    public String toString() {
        return "TestDatabase[" + engineId + " " + jdbcUrl + user.map(u -> " user=" + u).orElse("")
                + password.map(p -> " password=***").orElse("") + " from " + source + "]";
    }
}
