package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.DataExpander;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ExpandedData;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.NestedType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Plugin-test assertions for engines with the SQL standard's {@code T ARRAY} type (H2, HSQLDB): what a reader of their
 * arrays must give, checked on the engine ({@link ExpandDataChecks#expandQuery}); each connector's test calls them on
 * its own connection.
 */
public final class StandardSqlArrays {
    private StandardSqlArrays() {
    }

    /** An array column is not of its element's type (the default rules would read {@code INTEGER ARRAY} as an integer). */
    public static void arraysAreNotTheirElementsType(EngineSpec spec) {
        requireNonNull(spec, "spec is null");
        assertThat(spec.genericType("INTEGER ARRAY")).isEqualTo(GenericType.OTHER);
        assertThat(spec.genericType("CHARACTER VARYING(10) ARRAY[3]")).isEqualTo(GenericType.OTHER);
        assertThat(spec.genericType("INTEGER")).isEqualTo(GenericType.INTEGER);
        assertThat(spec.genericType("CHARACTER VARYING(10)")).isEqualTo(GenericType.STRING);
    }

    /**
     * NULL arrays, NULL elements and empty arrays expand as Superset's {@code expand_data} does: an array's elements on
     * rows of their own, a NULL or empty array kept on its row, the other columns absent on the added rows.
     */
    public static void nullArraysNullElementsAndEmptyArrays(EngineSpec spec, Connection connection) throws SQLException {
        ExpandedData data = ExpandDataChecks.expandQuery(spec, connection, "SELECT * FROM (VALUES (1, ARRAY[1, NULL]),"
                + " (2, CAST(NULL AS INTEGER ARRAY)), (3, CAST(ARRAY[] AS INTEGER ARRAY)), (4, ARRAY[3])) AS t(k, l) ORDER BY k");
        assertThat(data.columns().get(1).type()).isEqualTo(NestedType.array("INTEGER ARRAY", NestedType.scalar("INTEGER")));
        assertThat(data.expandedColumns()).isEmpty();
        assertThat(ExpandDataChecks.columnValues(data, "k")).containsExactly(1, DataExpander.ABSENT, 2, 3, 4);
        assertThat(ExpandDataChecks.columnValues(data, "l")).containsExactly(1, null, null, List.of(), 3);
    }
}
