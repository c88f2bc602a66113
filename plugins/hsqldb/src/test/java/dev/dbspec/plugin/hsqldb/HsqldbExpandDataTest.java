package dev.dbspec.plugin.hsqldb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DataExpander;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ExpandedData;
import dev.dbspec.api.NestedType;
import dev.dbspec.testdb.CheckResult;
import dev.dbspec.testdb.ExpandDataChecks;
import dev.dbspec.testdb.SpecWithReader;
import dev.dbspec.testdb.StandardSqlArrays;
import dev.dbspec.testdb.SupersetScore;
import dev.dbspec.testdb.TestDatabase;
import dev.dbspec.testdb.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * HSQLDB's ARRAY expanded (HSQLDB 2.7, embedded): it has no row type, so the kit proves {@code expand_data} on arrays
 * alone (through the spec's one-row table), and the reader on NULL arrays, NULL elements, empty arrays and arrays of
 * arrays gives Superset's rows.
 */
class HsqldbExpandDataTest {
    private static final TestDatabase HSQLDB = TestDatabases.require("hsqldb");
    private final EngineSpec spec = new HsqldbEngineSpec();

    @Test
    void theKitProvesArraysOnly() {
        assertThat(spec.has(Capability.EXPAND_DATA)).isTrue();
        assertThat(SupersetScore.claims(spec, "expand_data")).isTrue();
        CheckResult result = new ExpandDataChecks(spec, () -> HSQLDB.connect(spec)).expandData();
        assertThat(result.status()).as(result.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(result.detail()).startsWith("arrays only: the engine has no row/struct type (the row queries were refused: ")
                .contains("type not found or user lacks privilege: ROW")
                .contains("SELECT ARRAY[1, 2] AS l FROM (VALUES (0)) -> [{l=1}, {l=2}]");
    }

    /** Unclaimed, the arrays-only path stays strict: a reader fails, none passes. */
    @Test
    void unclaimedWithAReaderFailsWithoutPasses() {
        CheckResult reading = new ExpandDataChecks(new SpecWithReader(spec, false, spec::nestedReader), () -> HSQLDB.connect(spec)).expandData();
        assertThat(reading.status()).as(reading.detail()).isEqualTo(CheckResult.Status.FAILED);
        assertThat(reading.detail()).contains("not claimed, yet the spec reads nested values (L: ArrayType");
        CheckResult silent = new ExpandDataChecks(new SpecWithReader(spec, false, (connection, metadata) -> java.util.Optional.empty()),
                () -> HSQLDB.connect(spec)).expandData();
        assertThat(silent.status()).as(silent.detail()).isEqualTo(CheckResult.Status.PASSED);
        assertThat(silent.detail()).contains("arrays only here");
    }

    /** An array column is not of its element's type (the default rules would read INTEGER ARRAY as an integer). */
    @Test
    void arraysAreNotTheirElementsType() {
        StandardSqlArrays.arraysAreNotTheirElementsType(spec);
    }

    @Test
    void nullArraysNullElementsAndEmptyArrays() throws SQLException {
        try (Connection connection = HSQLDB.connect(spec)) {
            StandardSqlArrays.nullArraysNullElementsAndEmptyArrays(spec, connection);
        }
    }

    @Test
    void arraysOfArraysUnnestOuterThenInner() throws SQLException {
        try (Connection connection = HSQLDB.connect(spec)) {
            ExpandedData data = ExpandDataChecks.expandQuery(spec, connection, spec.selectExpressionSql("7 AS x, ARRAY[ARRAY[1, 2], ARRAY[3]] AS l"));
            assertThat(data.columns().get(1).type()).isEqualTo(NestedType.array("INTEGER ARRAY ARRAY",
                    NestedType.array("INTEGER ARRAY", NestedType.scalar("INTEGER"))));
            assertThat(ExpandDataChecks.columnValues(data, "x")).containsExactly(7, DataExpander.ABSENT, DataExpander.ABSENT);
            assertThat(ExpandDataChecks.columnValues(data, "l")).containsExactly(1, 2, 3);
        }
    }
}
