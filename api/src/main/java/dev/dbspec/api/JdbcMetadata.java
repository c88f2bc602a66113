package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JDBC-generic metadata behind {@link EngineSpec}'s metadata defaults, read through
 * {@link DatabaseMetaData}. Engine specs that override a metadata method may call these for the rest.
 *
 * <p>Names are matched exactly: JDBC takes schema and table names as {@code LIKE} patterns, so {@code _} and
 * {@code %} are escaped with the driver's escape and the rows are filtered by equality as well (drivers
 * without an escape would otherwise answer for {@code a_b} with {@code axb}).
 */
public final class JdbcMetadata {
    /** Relation types listed as tables (PostgreSQL says PARTITIONED TABLE, H2 BASE TABLE). */
    private static final Set<String> TABLE_TYPES = Set.of("TABLE", "BASE TABLE", "PARTITIONED TABLE");
    private static final Set<String> VIEW_TYPES = Set.of("VIEW", "MATERIALIZED VIEW");

    private JdbcMetadata() {
    }

    /**
     * Where a table lives for the driver. On a driver without schemas in table definitions but with
     * catalogs (MySQL and MariaDB, whose databases are catalogs), a schema given without a catalog names
     * the catalog, as clients that think in schemas (Superset) expect; without either (SQLite) both are dropped.
     */
    public record Namespace(String catalog, String schema) {
    }

    /** The namespace the driver understands for {@code catalog} and {@code schema} (each may be null). */
    public static Namespace namespace(DatabaseMetaData meta, String catalog, String schema) throws SQLException {
        String c = blankToNull(catalog);
        String s = blankToNull(schema);
        if (!meta.supportsSchemasInTableDefinitions()) {
            if (c == null && meta.supportsCatalogsInTableDefinitions()) {
                c = s;
            }
            s = null;
        }
        if (!meta.supportsCatalogsInTableDefinitions()) {
            c = null;
        }
        return new Namespace(c, s);
    }

    /** The catalogs the driver lists, sorted. */
    public static List<String> catalogs(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> catalogs = new ArrayList<>();
        try (ResultSet rs = meta.getCatalogs()) {
            while (rs.next()) {
                addIfPresent(catalogs, rs.getString("TABLE_CAT"));
            }
        }
        return catalogs.stream().distinct().sorted().toList();
    }

    /** The schemas of {@code catalog} (null: the driver's choice), sorted; empty on engines without schemas. */
    public static List<String> schemas(Connection connection, String catalog) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        if (!meta.supportsSchemasInTableDefinitions()) {
            return List.of();
        }
        String c = meta.supportsCatalogsInTableDefinitions() ? blankToNull(catalog) : null;
        List<String> schemas = new ArrayList<>();
        try (ResultSet rs = meta.getSchemas(c, null)) {
            while (rs.next()) {
                addIfPresent(schemas, rs.getString("TABLE_SCHEM"));
            }
        }
        return schemas.stream().distinct().sorted().toList();
    }

    /** The tables and views of a schema, sorted by name. */
    public static List<TableInfo> tables(Connection connection, String catalog, String schema) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        Namespace ns = namespace(meta, catalog, schema);
        Map<String, TableInfo> tables = new TreeMap<>();
        try (ResultSet rs = meta.getTables(ns.catalog(), pattern(meta, ns.schema()), "%", null)) {
            while (rs.next()) {
                if (!matches(ns, rs)) {
                    continue;
                }
                Optional<TableInfo.Type> type = typeOf(rs.getString("TABLE_TYPE"));
                String name = rs.getString("TABLE_NAME");
                if (type.isPresent() && name != null) {
                    tables.putIfAbsent(name, new TableInfo(name, type.get(), Optional.ofNullable(blankToNull(rs.getString("REMARKS")))));
                }
            }
        }
        return List.copyOf(tables.values());
    }

    /**
     * Columns, primary key, indexes and comment of {@code table}; empty when there is no such table or view.
     * The names are matched exactly first; when nothing matches, as the engine stores them unquoted
     * ({@link IdentifierQuoting#normalizeUnquoted}: {@code orders} finds H2's {@code ORDERS}), as SQL would
     * resolve them. The answer names the table as stored.
     */
    public static Optional<TableDetail> tableDetail(Connection connection, TableName table, EngineSpec spec) throws SQLException {
        requireNonNull(table, "table is null");
        Optional<TableDetail> exact = exactTableDetail(connection, table, spec);
        if (exact.isPresent()) {
            return exact;
        }
        IdentifierQuoting quoting = spec.identifierQuoting();
        TableName normalized = new TableName(table.catalog(), table.schema().map(quoting::normalizeUnquoted), quoting.normalizeUnquoted(table.name()));
        return normalized.equals(table) ? exact : exactTableDetail(connection, normalized, spec);
    }

    private static Optional<TableDetail> exactTableDetail(Connection connection, TableName table, EngineSpec spec) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        Namespace ns = namespace(meta, table.catalog().orElse(null), table.schema().orElse(null));
        TableInfo info = null;
        try (ResultSet rs = meta.getTables(ns.catalog(), pattern(meta, ns.schema()), pattern(meta, table.name()), null)) {
            while (rs.next() && info == null) {
                if (matches(ns, rs) && table.name().equals(rs.getString("TABLE_NAME"))) {
                    Optional<TableInfo.Type> type = typeOf(rs.getString("TABLE_TYPE"));
                    if (type.isPresent()) {
                        info = new TableInfo(table.name(), type.get(), Optional.ofNullable(blankToNull(rs.getString("REMARKS"))));
                    }
                }
            }
        }
        if (info == null) {
            return Optional.empty();
        }
        Map<Integer, ColumnInfo> columns = new TreeMap<>();
        try (ResultSet rs = meta.getColumns(ns.catalog(), pattern(meta, ns.schema()), pattern(meta, table.name()), "%")) {
            while (rs.next()) {
                if (!matches(ns, rs) || !table.name().equals(rs.getString("TABLE_NAME"))) {
                    continue;
                }
                String nativeType = String.valueOf(rs.getString("TYPE_NAME"));
                columns.put(rs.getInt("ORDINAL_POSITION"), new ColumnInfo(rs.getString("COLUMN_NAME"), nativeType,
                        spec.genericType(nativeType), rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        Optional.ofNullable(rs.getString("COLUMN_DEF"))));
            }
        }
        List<String> primaryKey = new ArrayList<>();
        List<IndexInfo> indexes = new ArrayList<>();
        if (info.type() == TableInfo.Type.TABLE) {
            Map<Integer, String> keyColumns = new TreeMap<>();
            try (ResultSet rs = meta.getPrimaryKeys(ns.catalog(), ns.schema(), table.name())) {
                while (rs.next()) {
                    keyColumns.put((int) rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
            primaryKey.addAll(keyColumns.values());
            Map<String, Map<Integer, String>> indexColumns = new LinkedHashMap<>();
            Map<String, Boolean> unique = new LinkedHashMap<>();
            try (ResultSet rs = meta.getIndexInfo(ns.catalog(), ns.schema(), table.name(), false, true)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                        continue;
                    }
                    unique.put(name, !rs.getBoolean("NON_UNIQUE"));
                    Map<Integer, String> indexed = indexColumns.computeIfAbsent(name, n -> new TreeMap<>());
                    String column = rs.getString("COLUMN_NAME");
                    if (column != null) {
                        indexed.put((int) rs.getShort("ORDINAL_POSITION"), column);
                    }
                }
            } catch (java.sql.SQLFeatureNotSupportedException e) {
                // trino-jdbc: "indexes not supported"; engines without indexes (Trino) leave the call out: no indexes
            }
            indexColumns.forEach((name, indexed) -> indexes.add(new IndexInfo(name, List.copyOf(indexed.values()), unique.get(name))));
            indexes.sort(java.util.Comparator.comparing(IndexInfo::name));
        }
        return Optional.of(new TableDetail(table, info.type(), List.copyOf(columns.values()), primaryKey, indexes, info.comment()));
    }

    /**
     * Extra table metadata read from the engine's catalog ({@link EngineSpec#extraTableMetadata}): {@code sql} takes the
     * schema and the table name as its two parameters and its first row's columns become {@code keys}, in order (values as
     * the driver gives them: strings, numbers, booleans). Names are matched exactly, then as the engine stores unquoted
     * ones ({@link IdentifierQuoting#normalizeUnquoted}); the schema is the connection's when the table names none. Empty
     * when there is no such table.
     */
    public static java.util.Map<String, Object> extraFromCatalog(Connection connection, EngineSpec spec, TableName table, String sql,
                                                                List<String> keys) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(table, "table is null");
        String schema = table.schema().isPresent() ? table.schema().get() : connection.getSchema();
        java.util.Map<String, Object> exact = firstRow(connection, sql, keys, schema, table.name());
        if (!exact.isEmpty()) {
            return exact;
        }
        IdentifierQuoting quoting = spec.identifierQuoting();
        return firstRow(connection, sql, keys, schema == null ? null : quoting.normalizeUnquoted(schema), quoting.normalizeUnquoted(table.name()));
    }

    private static java.util.Map<String, Object> firstRow(Connection connection, String sql, List<String> keys, String schema, String name)
            throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Map.of();
                }
                java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    Object value = rs.getObject(i + 1);
                    row.put(keys.get(i), value instanceof String text ? text.trim() : value);
                }
                return row;
            }
        }
    }

    /** {@code SELECT} of the columns (all when empty) of {@code table}, every name quoted the engine's way. */
    public static String selectStar(IdentifierQuoting quoting, TableName table, List<String> columns) {
        requireNonNull(quoting, "quoting is null");
        StringBuilder sql = new StringBuilder("SELECT ");
        sql.append(columns.isEmpty() ? "*" : String.join(", ", columns.stream().map(quoting::quote).toList()));
        sql.append(" FROM ");
        table.catalog().ifPresent(catalog -> sql.append(quoting.quote(catalog)).append('.'));
        table.schema().ifPresent(schema -> sql.append(quoting.quote(schema)).append('.'));
        return sql.append(quoting.quote(table.name())).toString();
    }

    private static Optional<TableInfo.Type> typeOf(String jdbcType) {
        String type = jdbcType == null ? "" : jdbcType.toUpperCase(Locale.ROOT);
        if (TABLE_TYPES.contains(type)) {
            return Optional.of(TableInfo.Type.TABLE);
        }
        return VIEW_TYPES.contains(type) ? Optional.of(TableInfo.Type.VIEW) : Optional.empty();
    }

    private static boolean matches(Namespace ns, ResultSet rs) throws SQLException {
        return (ns.schema() == null || ns.schema().equals(rs.getString("TABLE_SCHEM")))
                && (ns.catalog() == null || ns.catalog().equals(rs.getString("TABLE_CAT")));
    }

    /** {@code name} as a LIKE pattern matching only itself (null stays null: any). */
    private static String pattern(DatabaseMetaData meta, String name) throws SQLException {
        if (name == null) {
            return null;
        }
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private static void addIfPresent(List<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
