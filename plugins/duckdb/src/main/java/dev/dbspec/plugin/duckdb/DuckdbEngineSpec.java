package dev.dbspec.plugin.duckdb;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.DuckdbFamilySpec;
import org.pf4j.Extension;

/** DuckDB in process through duckdb_jdbc (native library inside the jar); facts from {@link DuckdbFamilySpec}. */
@Extension
public final class DuckdbEngineSpec extends DuckdbFamilySpec {
    // ---- extra table metadata ----

    /** The table's properties from {@code duckdb_tables()}; {@code ?} database, {@code ?} schema (null: the current ones), {@code ?} name. */
    static final String EXTRA_SQL = "SELECT estimated_size, column_count, index_count, check_constraint_count, has_primary_key, temporary, sql"
            + " FROM duckdb_tables() WHERE database_name = COALESCE(?, current_database()) AND schema_name = COALESCE(?, current_schema())"
            + " AND table_name = ?";

    /**
     * {@link #EXTRA_SQL}: {@code rowsEstimate} ({@code estimated_size}), {@code columnCount}, {@code indexCount},
     * {@code checkConstraintCount}, {@code hasPrimaryKey}, {@code temporary} and {@code sql} (the CREATE statement). DuckDB has no
     * partitions (Hive-partitioned files are read, not tables).
     */
    @Override
    public java.util.Map<String, Object> extraTableMetadata(java.sql.Connection connection, dev.dbspec.api.TableName table) throws java.sql.SQLException {
        java.util.Objects.requireNonNull(connection, "connection is null");
        try (java.sql.PreparedStatement statement = connection.prepareStatement(EXTRA_SQL)) {
            statement.setString(1, table.catalog().orElse(null));
            statement.setString(2, table.schema().orElse(null));
            statement.setString(3, table.name());
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Map.of();
                }
                java.util.Map<String, Object> extra = new java.util.LinkedHashMap<>();
                long rows = rs.getLong(1);
                extra.put("rowsEstimate", rs.wasNull() ? null : rows);
                extra.put("columnCount", rs.getLong(2));
                extra.put("indexCount", rs.getLong(3));
                extra.put("checkConstraintCount", rs.getLong(4));
                extra.put("hasPrimaryKey", rs.getBoolean(5));
                extra.put("temporary", rs.getBoolean(6));
                extra.put("sql", rs.getString(7));
                return extra;
            }
        }
    }

    // ---- query progress ----

    /**
     * DuckDB tracks a query's progress only with its progress bar on, a per-connection setting (the driver refuses it
     * as a connection property: "Could not set option as a global option"); printing stays off and the bar starts at
     * once rather than after two seconds:
     * {@code SET enable_progress_bar = true}, {@code SET enable_progress_bar_print = false}, {@code SET progress_bar_time = 0}.
     */
    @Override
    public void enableProgress(java.sql.Statement statement) throws java.sql.SQLException {
        try (java.sql.Statement settings = statement.getConnection().createStatement()) {
            settings.execute("SET enable_progress_bar = true");
            settings.execute("SET enable_progress_bar_print = false");
            settings.execute("SET progress_bar_time = 0");
        }
    }

    /**
     * {@code DuckDBPreparedStatement.getQueryProgress()} of duckdb_jdbc 1.4 (the connection's {@code queryProgress()} is not
     * public there): a percentage from 0 to 100, -1 while DuckDB has none.
     */
    @Override
    public java.util.OptionalDouble queryProgress(java.sql.Statement statement) throws java.sql.SQLException {
        if (!statement.isWrapperFor(org.duckdb.DuckDBPreparedStatement.class)) {
            return java.util.OptionalDouble.empty();
        }
        double percentage = statement.unwrap(org.duckdb.DuckDBPreparedStatement.class).getQueryProgress().getPercentage();
        return percentage < 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(Math.min(1, percentage / 100));
    }

    /** DuckDB's appender ({@link DuckdbAppenderLoad}). */
    @Override
    public dev.dbspec.api.BulkLoad bulkLoad() {
        return new DuckdbAppenderLoad();
    }

    public DuckdbEngineSpec() {
        super(facts(DuckdbEngineSpec.class)
                // duckdb_tables() (extraTableMetadata); LISTs and STRUCTs expanded (the family's nestedReader); uploads
                // through DuckDB's appender, proven by UploadChecks
                .capabilities(Capability.EXTRA_TABLE_METADATA, Capability.EXPAND_DATA, Capability.FILE_UPLOAD)
                .timestampsAsLocalDateTime()
                .decimalsAsText()
                .build());
    }
}
