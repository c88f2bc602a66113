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

    /**
     * The reader on types outside the search path with quoted mixed-case names (pgjdbc reports {@code "s"."Pt"} and
     * {@code "s"."_Pt"}), and on scalar OTHER types (an enum, uuid) that stay scalar and are read the host's way.
     */
    @Test
    void readerResolvesQualifiedQuotedTypesAndLeavesScalarsAlone() throws Exception {
        String schema = "wtx_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection connection = open(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            try {
                statement.execute("CREATE TYPE " + schema + ".\"Pt\" AS (x int, \"Y\" text)");
                statement.execute("CREATE TYPE " + schema + ".mood AS ENUM ('a', 'b')");
                try (ResultSet rs = statement.executeQuery("SELECT ROW(1, 'q, \"r\"')::" + schema + ".\"Pt\" AS p, ARRAY[ROW(2, NULL)::"
                        + schema + ".\"Pt\"] AS ps, 'a'::" + schema + ".mood AS m, '00000000-0000-0000-0000-000000000001'::uuid AS u")) {
                    NestedReader reader = new PostgresqlEngineSpec().nestedReader(connection, rs.getMetaData()).orElseThrow();
                    NestedType pt = NestedType.row("\"" + schema + "\".\"Pt\"", List.of(NestedType.field("x", NestedType.scalar("int4")),
                            NestedType.field("Y", NestedType.scalar("text"))));
                    assertThat(reader.type(1)).isEqualTo(pt);
                    assertThat(reader.type(2)).isEqualTo(NestedType.array("\"" + schema + "\".\"_Pt\"", NestedType.row("Pt", ((NestedType.RowType) pt).fields())));
                    assertThat(reader.type(3).nested()).isFalse();
                    assertThat(reader.type(4).nested()).isFalse();
                    rs.next();
                    java.util.Map<String, Object> first = new java.util.LinkedHashMap<>();
                    first.put("x", 1L);
                    first.put("Y", "q, \"r\"");
                    assertThat(reader.read(rs, 1)).isEqualTo(first);
                    java.util.Map<String, Object> second = new java.util.LinkedHashMap<>();
                    second.put("x", 2L);
                    second.put("Y", null);
                    assertThat(reader.read(rs, 2)).isEqualTo(java.util.Collections.singletonList(second));
                }
            } finally {
                statement.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
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
            super(facts("pgtest", "PG test").url("jdbc:postgresql://{host}:{port}/{database}", "jdbc:postgresql:")
                    .driver("org.postgresql.Driver").build());
            this.capabilities = capabilities;
        }

        @Override
        public Set<Capability> capabilities() {
            return capabilities;
        }
    }

    private static Connection open() throws SQLException {
        return DriverManager.getConnection(PG.jdbcUrl(), PG.user().orElse(null), PG.password().orElse(null));
    }
}
