package dev.dbspec.plugin.h2;

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
import dev.dbspec.testdb.StandardSqlArrays;
import dev.dbspec.testdb.SupersetScore;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * H2's ARRAY and ROW expanded (H2 2.3, embedded): the kit's full check passes on Trino's query (H2 takes
 * {@code CAST(ROW(3) AS ROW(a INTEGER))}), and the reader on NULL arrays, NULL elements, empty arrays, arrays of
 * arrays, NULL rows, rows in rows and arrays of rows gives Superset's rows and columns.
 */
class H2ExpandDataTest {
    private static final TestDatabase H2 = TestDatabases.require("h2");
    private final EngineSpec spec = new H2EngineSpec();

    @Test
    void theKitPassesTheFullCheck() {
        assertThat(spec.has(Capability.EXPAND_DATA)).isTrue();
        assertThat(SupersetScore.claims(spec, "expand_data")).isTrue();
        CheckResult result = new ExpandDataChecks(spec, () -> H2.connect(spec)).expandData();
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(result.detail()).startsWith("SELECT ARRAY[1, 2] AS l, CAST(ROW(3) AS ROW(a INTEGER)) AS s ->").doesNotContain("arrays only");
    }

    /**
     * H2 runs a full query, so it is judged on the row too: a reader that reads arrays but leaves ROW a scalar fails,
     * and never falls back to the arrays-only proof.
     */
    @Test
    void aRowTypeIsJudgedOnItsRowNeverOnArraysAlone() {
        EngineSpec arraysOnly = new SpecWithReader(spec, true, (connection, metadata) -> {
            NestedReader full = spec.nestedReader(connection, metadata).orElseThrow();
            return Optional.of(new NestedReader() {
                @Override
                public NestedType type(int column) {
                    NestedType type = full.type(column);
                    return type instanceof NestedType.RowType ? NestedType.scalar(type.name()) : type;
                }

                @Override
                public Object read(ResultSet rs, int column) throws SQLException {
                    return full.read(rs, column);
                }
            });
        });
        CheckResult result = new ExpandDataChecks(arraysOnly, () -> H2.connect(spec)).expandData();
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(result.detail()).startsWith("SELECT ARRAY[1, 2] AS l, CAST(ROW(3) AS ROW(a INTEGER)) AS s: columns [l, s], expected [l, s, s.a]");
    }

    @Test
    void unclaimedWithAReaderFails() {
        CheckResult result = new ExpandDataChecks(new SpecWithReader(spec, false, spec::nestedReader), () -> H2.connect(spec)).expandData();
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(result.detail()).contains("not claimed, yet the spec reads nested values");
    }

    /** An array column is not of its element's type (the default rules would read INTEGER ARRAY as an integer). */
    @Test
    void arraysAreNotTheirElementsType() {
        StandardSqlArrays.arraysAreNotTheirElementsType(spec);
        assertThat(spec.genericType("ROW(\"A\" INTEGER)")).isEqualTo(dev.dbspec.api.GenericType.OTHER);
    }

    @Test
    void nullArraysNullElementsAndEmptyArrays() throws SQLException {
        try (Connection connection = H2.connect(spec)) {
            StandardSqlArrays.nullArraysNullElementsAndEmptyArrays(spec, connection);
        }
    }

    @Test
    void arraysOfArraysUnnestOuterThenInner() throws SQLException {
        try (Connection connection = H2.connect(spec)) {
            ExpandedData data = ExpandDataChecks.expandQuery(spec, connection, "SELECT 7 AS x, ARRAY[ARRAY[1, 2], ARRAY[3]] AS l");
            assertThat(data.columns().get(1).type()).isEqualTo(NestedType.array("INTEGER ARRAY[2] ARRAY",
                    NestedType.array("INTEGER ARRAY[2]", NestedType.scalar("INTEGER"))));
            assertThat(ExpandDataChecks.columnValues(data, "x")).containsExactly(7, DataExpander.ABSENT, DataExpander.ABSENT);
            assertThat(ExpandDataChecks.columnValues(data, "l")).containsExactly(1, 2, 3);
        }
    }

    /** A row in a row, with an array inside: fields become columns named parent.field, the array then unnests. */
    @Test
    void nestedRows() throws SQLException {
        try (Connection connection = H2.connect(spec)) {
            ExpandedData data = ExpandDataChecks.expandQuery(spec, connection, "SELECT * FROM (VALUES"
                    + " (1, CAST(ROW(1, ROW(2, ARRAY[3, 4])) AS ROW(a INTEGER, b ROW(c INTEGER, d INTEGER ARRAY)))),"
                    + " (2, CAST(NULL AS ROW(a INTEGER, b ROW(c INTEGER, d INTEGER ARRAY))))) AS t(k, s) ORDER BY k");
            assertThat(data.columns()).extracting(NestedColumn::name).containsExactly("k", "s", "s.A", "s.B", "s.B.C", "s.B.D");
            assertThat(data.expandedColumns()).extracting(NestedColumn::name).containsExactly("s.A", "s.B", "s.B.C", "s.B.D");
            assertThat(ExpandDataChecks.columnValues(data, "k")).containsExactly(1, DataExpander.ABSENT, 2);
            assertThat(ExpandDataChecks.columnValues(data, "s.A")).containsExactly(1, DataExpander.ABSENT, DataExpander.ABSENT);
            assertThat(ExpandDataChecks.columnValues(data, "s.B.C")).containsExactly(2, DataExpander.ABSENT, DataExpander.ABSENT);
            assertThat(ExpandDataChecks.columnValues(data, "s.B.D")).containsExactly(3, 4, DataExpander.ABSENT);
            assertThat(ExpandDataChecks.columnValues(data, "s")).containsExactly(Map.of("A", 1, "B", Map.of("C", 2, "D", List.of(3, 4))), DataExpander.ABSENT, null);
        }
    }

    /** An array of rows: each element gets a row, then its fields columns. */
    @Test
    void arraysOfRows() throws SQLException {
        try (Connection connection = H2.connect(spec)) {
            ExpandedData data = ExpandDataChecks.expandQuery(spec, connection,
                    "SELECT ARRAY[CAST(ROW(1, 'x') AS ROW(a INTEGER, b VARCHAR)), NULL, CAST(ROW(2, NULL) AS ROW(a INTEGER, b VARCHAR))] AS r");
            assertThat(data.columns()).extracting(NestedColumn::name).containsExactly("r", "r.A", "r.B");
            assertThat(ExpandDataChecks.columnValues(data, "r.A")).containsExactly(1, DataExpander.ABSENT, 2);
            assertThat(ExpandDataChecks.columnValues(data, "r.B")).containsExactly("x", DataExpander.ABSENT, null);
        }
    }
}
