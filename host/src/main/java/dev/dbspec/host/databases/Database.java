package dev.dbspec.host.databases;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import javax.sql.DataSource;

/**
 * A registered database ready to use: its registration, its engine spec and its connection pool.
 *
 * @param registration what was registered
 * @param spec         the engine spec resolved from the URL
 * @param pool         the pooled data source (HikariCP over the plugin's driver)
 */
public record Database(DatabaseRegistration registration, EngineSpec spec, DataSource pool) {
    public Database {
        requireNonNull(registration, "registration is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(pool, "pool is null");
    }

    public String name() {
        return registration.name();
    }
}
