package dev.dbspec.testdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class TestDatabasesTest {
    private static final TestDatabase H2 = new TestDatabase("h2", "jdbc:h2:mem:x", Optional.empty(), Optional.empty(), "embedded");

    @Test
    void aMissingDatabaseSkipsUnlessRequired() {
        assertThatThrownBy(() -> TestDatabases.require("oracle", Optional.empty(), null))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no oracle test database").hasMessageContaining("DBSPEC_TEST_ORACLE_URL");
        assertThatThrownBy(() -> TestDatabases.require("oracle", Optional.empty(), "postgresql, oracle"))
                .isInstanceOf(AssertionFailedError.class).hasMessageContaining("required by DBSPEC_TESTDB_REQUIRE");
        assertThat(TestDatabases.require("h2", Optional.of(H2), "h2")).isSameAs(H2);
    }

    @Test
    void requiredEnginesAreParsedLeniently() {
        assertThat(TestDatabases.requiredEngines(" PostgreSQL,mariadb ,,")).containsExactlyInAnyOrder("postgresql", "mariadb");
        assertThat(TestDatabases.requiredEngines(null)).isEmpty();
    }

    @Test
    void embeddedEnginesAreAlwaysFound() {
        for (String engine : new String[] {"h2", "hsqldb", "derby", "duckdb", "sqlite"}) {
            assertThat(TestDatabases.find(engine)).as(engine).get()
                    .satisfies(db -> assertThat(db.jdbcUrl()).startsWith("jdbc:" + engine + ":"));
        }
        assertThat(TestDatabases.embedded("oracle")).isEmpty();
    }

    @Test
    void passwordsAreNeverPrinted() {
        TestDatabase db = new TestDatabase("postgresql", "jdbc:postgresql://h/db", Optional.of("u"), Optional.of("s3cret"), "env");
        assertThat(db.toString()).contains("user=u", "password=***").doesNotContain("s3cret");
    }

    @Test
    void temporalValuesReadDriverText() {
        assertThat(TemporalValues.toLocalDateTime("2024-02-29 13:45:30.123")).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_000_000));
        assertThat(TemporalValues.toLocalDateTime("2024-02-29T13:45")).isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45));
        assertThat(TemporalValues.toLocalDateTime("2024-02-29")).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(TemporalValues.toLocalDateTime("2019-01-02 03:04:05.678+02:00")).isEqualTo(LocalDateTime.of(2019, 1, 2, 1, 4, 5, 678_000_000));
        assertThat(TemporalValues.toLocalTime("03:04:05")).isEqualTo(LocalTime.of(3, 4, 5));
        assertThatThrownBy(() -> TemporalValues.toLocalDateTime(42)).isInstanceOf(IllegalArgumentException.class);
    }
}
