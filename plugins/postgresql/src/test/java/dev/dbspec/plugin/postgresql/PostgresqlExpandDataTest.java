package dev.dbspec.plugin.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.NestedReader;
import dev.dbspec.api.NestedType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.ExpandDataChecks;
import dev.dbspec.testdb.SupersetScore;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The kit's {@link ExpandDataChecks} on live PostgreSQL: the plugin claims {@code EXPAND_DATA} and passes; a spec claiming
 * it whose reader leaves arrays and JSON as scalars fails; a spec reading nested values without claiming fails; one
 * neither claiming nor reading passes. Superset's score counts the claim.
 */
class PostgresqlExpandDataTest {
    private static final TestDatabase PG = TestDatabases.require("postgresql");

    @Test
    void thePluginPasses() {
        PostgresqlEngineSpec spec = new PostgresqlEngineSpec();
        assertThat(spec.has(Capability.EXPAND_DATA)).isTrue();
        assertThat(SupersetScore.claims(spec, "expand_data")).isTrue();
        assertThat(SupersetScore.CHECKS.get("expand_data")).containsExactly(ExpandDataChecks.ID);
        CheckResult result = new ExpandDataChecks(spec, PostgresqlExpandDataTest::open).expandData();
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(result.detail()).contains("jsonb");
    }

    @Test
    void aClaimWithAReaderThatDoesNotExpandFails() {
        Family flat = new Family(EnumSet.of(Capability.EXPAND_DATA)) {
            @Override
            public Optional<NestedReader> nestedReader(Connection connection, ResultSetMetaData metadata) {
                return Optional.of(new NestedReader() {
                    @Override
                    public NestedType type(int column) {
                        return NestedType.scalar("text");
                    }

                    @Override
                    public Object read(ResultSet rs, int column) throws SQLException {
                        return rs.getString(column);
                    }
                });
            }
        };
        CheckResult result = new ExpandDataChecks(flat, PostgresqlExpandDataTest::open).expandData();
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(result.detail()).contains("expected [l, s, s.a]");

        CheckResult none = new ExpandDataChecks(new Family(EnumSet.of(Capability.EXPAND_DATA)) {
            @Override
            public Optional<NestedReader> nestedReader(Connection connection, ResultSetMetaData metadata) {
                return Optional.empty();
            }
        }, PostgresqlExpandDataTest::open).expandData();
        assertThat(none.status()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(none.detail()).contains("no nested reader");
    }

    @Test
    void aReaderWithoutTheClaimFailsAndNeitherPasses() {
        // the family's reader, unclaimed
        CheckResult reading = new ExpandDataChecks(new Family(EnumSet.noneOf(Capability.class)), PostgresqlExpandDataTest::open).expandData();
        assertThat(reading.status()).as(reading.detail()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(reading.detail()).contains("not claimed, yet");

        CheckResult silent = new ExpandDataChecks(new Family(EnumSet.noneOf(Capability.class)) {
            @Override
            public Optional<NestedReader> nestedReader(Connection connection, ResultSetMetaData metadata) {
                return Optional.empty();
            }
        }, PostgresqlExpandDataTest::open).expandData();
        assertThat(silent.status()).as(silent.detail()).isEqualTo(CheckResult.Status.PASSED);
    }

    /** A bare PostgreSQL-family spec with the given capabilities (the family's nested reader). */
    private static class Family extends PostgresFamilySpec {
        private final Set<Capability> capabilities;

        Family(Set<Capability> capabilities) {
            this.capabilities = capabilities;
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }

        @Override
        public String id() {
            return "pgtest";
        }

        @Override
        public String displayName() {
            return "PG test";
        }

        @Override
        public List<String> urlPrefixes() {
            return List.of("jdbc:postgresql:");
        }

        @Override
        public String urlTemplate() {
            return "jdbc:postgresql://{host}:{port}/{database}";
        }

        @Override
        public String driverClassName() {
            return "org.postgresql.Driver";
        }

        @Override
        public Map<TimeGrain, String> timeGrainExpressions() {
            return GRAINS;
        }
    }

    private static Connection open() throws SQLException {
        return DriverManager.getConnection(PG.jdbcUrl(), PG.user().orElse(null), PG.password().orElse(null));
    }
}
