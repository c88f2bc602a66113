package dev.dbspec.plugin.questdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DataExpander;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ExpandedData;
import dev.dbspec.api.NestedColumn;
import dev.dbspec.api.NestedReader;
import dev.dbspec.api.NestedType;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.ExpandDataChecks;
import dev.dbspec.testdb.SpecWithReader;
import dev.dbspec.testdb.SupersetScore;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * QuestDB's {@code DOUBLE[]} arrays expanded live (QuestDB 9.3.4 over pgwire): the kit proves {@code expand_data} on
 * arrays alone (QuestDB refuses every row query), and the reader on NULL arrays, NULL elements, empty arrays and two
 * dimensions gives Superset's rows.
 */
class QuestdbExpandDataTest {
    private static final TestDatabase QUESTDB = TestDatabases.require("questdb");
    private final EngineSpec spec = new QuestdbEngineSpec();

    @Test
    void theKitProvesArraysOnly() {
        assertThat(spec.has(Capability.EXPAND_DATA)).isTrue();
        assertThat(SupersetScore.claims(spec, "expand_data")).isTrue();
        CheckResult result = new ExpandDataChecks(spec, () -> QUESTDB.connect(spec)).expandData();
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(result.detail()).startsWith("arrays only: the engine has no row/struct type (the row queries were refused: ")
                .contains("SELECT ARRAY[1, 2] AS l -> [{l=1.0}, {l=2.0}]");
    }

    /** A reader that leaves DOUBLE[] a scalar cannot pass on arrays alone: one row stays, holding the list. */
    @Test
    void aScalarReaderFailsTheArraysOnlyCheck() {
        EngineSpec flat = new SpecWithReader(spec, true, (connection, metadata) -> Optional.of(new NestedReader() {
            @Override
            public NestedType type(int column) {
                return NestedType.scalar("x");
            }

            @Override
            public Object read(ResultSet rs, int column) throws SQLException {
                return rs.getObject(column);
            }
        }));
        CheckResult result = new ExpandDataChecks(flat, () -> QUESTDB.connect(spec)).expandData();
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(result.detail()).contains("takes l for a scalar");
    }

    /** Unclaimed, the arrays-only path stays strict: a reader fails, none passes. */
    @Test
    void unclaimedWithAReaderFailsWithoutPasses() {
        CheckResult reading = new ExpandDataChecks(new SpecWithReader(spec, false, spec::nestedReader), () -> QUESTDB.connect(spec)).expandData();
        assertThat(reading.status()).as(reading.detail()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(reading.detail()).contains("not claimed, yet the spec reads nested values (l: Inferred");
        CheckResult silent = new ExpandDataChecks(new SpecWithReader(spec, false, (connection, metadata) -> Optional.empty()),
                () -> QUESTDB.connect(spec)).expandData();
        assertThat(silent.status()).as(silent.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(silent.detail()).contains("arrays only here");
    }

    @Test
    void nullArraysNullElementsAndEmptyArrays() throws SQLException {
        try (Connection connection = QUESTDB.connect(spec)) {
            ExpandedData data = ExpandDataChecks.expandQuery(spec, connection, "SELECT 1 AS k, ARRAY[1.0, NULL] AS l"
                    + " UNION ALL SELECT 2 AS k, CAST(NULL AS DOUBLE[]) AS l"
                    + " UNION ALL SELECT 3 AS k, CAST(ARRAY[] AS DOUBLE[]) AS l"
                    + " UNION ALL SELECT 4 AS k, ARRAY[3.0] AS l");
            assertThat(data.columns()).extracting(NestedColumn::name).containsExactly("k", "l");
            assertThat(data.columns().get(1).type()).isEqualTo(NestedType.array("_float8", NestedType.scalar("float8")));
            assertThat(data.expandedColumns()).isEmpty();
            assertThat(ExpandDataChecks.columnValues(data, "k")).containsExactly(1, DataExpander.ABSENT, 2, 3, 4);
            // the NULL element gets its row; a NULL array stays NULL and an empty one stays empty, as in Superset
            assertThat(ExpandDataChecks.columnValues(data, "l")).containsExactly(1.0, null, null, List.of(), 3.0);
        }
    }

    /** DOUBLE[][]: pgjdbc reports _float8 as for one dimension; both unnest, the outer first, as Superset's nested arrays. */
    @Test
    void twoDimensionsUnnestOuterThenInner() throws SQLException {
        try (Connection connection = QUESTDB.connect(spec)) {
            ExpandedData data = ExpandDataChecks.expandQuery(spec, connection, "SELECT 7 AS x, ARRAY[[1.0, 2.0], [3.0, 4.0]] AS l");
            assertThat(data.columns().get(1).type()).isEqualTo(
                    NestedType.array("_float8", NestedType.array("float8", NestedType.scalar("float8"))));
            assertThat(ExpandDataChecks.columnValues(data, "x")).containsExactly(7, DataExpander.ABSENT, DataExpander.ABSENT, DataExpander.ABSENT);
            assertThat(ExpandDataChecks.columnValues(data, "l")).containsExactly(1.0, 2.0, 3.0, 4.0);
        }
    }

    /** Scalar columns are left to the host: the reader says so. */
    @Test
    void scalarsStayScalars() throws SQLException {
        try (Connection connection = QUESTDB.connect(spec);
             java.sql.Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1 AS i, 'a' AS s, ARRAY[1.0] AS l")) {
            NestedReader reader = spec.nestedReader(connection, rs.getMetaData()).orElseThrow();
            assertThat(reader.type(1).nested()).isFalse();
            assertThat(reader.type(2).nested()).isFalse();
            assertThat(reader.type(3)).isEqualTo(new NestedType.Inferred("_float8", "float8"));
        }
    }
}
