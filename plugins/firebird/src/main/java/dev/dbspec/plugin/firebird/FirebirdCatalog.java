package dev.dbspec.plugin.firebird;

import static java.util.Objects.requireNonNull;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.SqlValidation;
import dev.dbspec.api.TableName;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.firebirdsql.encodings.Encoding;
import org.firebirdsql.jdbc.FirebirdConnection;

/**
 * What Firebird's catalog and parser tell without running anything: a table's extra metadata from {@code RDB$RELATIONS}
 * and the validation of a statement by preparing it. A class of its own so that Jaybird's classes load only when a
 * connection exists (the spec itself must not load driver classes).
 */
final class FirebirdCatalog {
    /**
     * One row per relation; Firebird 3 has no schemas, so the name alone finds it. System flags, formats and counts read
     * from the catalog only (no {@code COUNT(*)} of the table: Firebird keeps no row estimate).
     */
    static final String EXTRA_SQL = "SELECT CASE R.RDB$RELATION_TYPE WHEN 0 THEN 'table' WHEN 1 THEN 'view' WHEN 2 THEN 'external table'"
            + " WHEN 3 THEN 'virtual table' WHEN 4 THEN 'global temporary table (rows kept until the connection ends)'"
            + " WHEN 5 THEN 'global temporary table (rows kept until the transaction ends)' ELSE 'relation type ' || R.RDB$RELATION_TYPE END,"
            + " TRIM(R.RDB$OWNER_NAME), R.RDB$RELATION_ID, R.RDB$FORMAT, COALESCE(R.RDB$SYSTEM_FLAG, 0) <> 0,"
            + " (SELECT COUNT(*) FROM RDB$RELATION_FIELDS F WHERE F.RDB$RELATION_NAME = R.RDB$RELATION_NAME),"
            + " (SELECT COUNT(*) FROM RDB$INDICES I WHERE I.RDB$RELATION_NAME = R.RDB$RELATION_NAME),"
            + " (SELECT COUNT(*) FROM RDB$TRIGGERS T WHERE T.RDB$RELATION_NAME = R.RDB$RELATION_NAME AND COALESCE(T.RDB$SYSTEM_FLAG, 0) = 0),"
            + " CAST(R.RDB$DESCRIPTION AS VARCHAR(8191))"
            + " FROM RDB$RELATIONS R WHERE R.RDB$RELATION_NAME = ?";
    static final List<String> EXTRA_KEYS = List.of("kind", "owner", "relationId", "formatVersion", "system", "columns", "indexes",
            "triggers", "comment");

    /** Firebird's parser and resolver place errors as {@code At line 2, column 6} or {@code Token unknown - line 1, column 29}. */
    private static final Pattern POSITION = Pattern.compile("\\bline (\\d+), column (\\d+)");
    private static final Pattern DRIVER_SUFFIX = Pattern.compile("\\s*\\[SQLState:[^\\]]*]\\s*$");

    private FirebirdCatalog() {
    }

    /** {@link #EXTRA_SQL} for the name as given, else as Firebird stores it unquoted (upper case); empty when absent. */
    static Map<String, Object> extraTableMetadata(Connection connection, EngineSpec spec, TableName table) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(table, "table is null");
        Map<String, Object> exact = extra(connection, table.name());
        String stored = spec.identifierQuoting().normalizeUnquoted(table.name());
        return exact.isEmpty() && !stored.equals(table.name()) ? extra(connection, stored) : exact;
    }

    private static Map<String, Object> extra(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(EXTRA_SQL)) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Map.of();
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < EXTRA_KEYS.size(); i++) {
                    Object value = rs.getObject(i + 1);
                    row.put(EXTRA_KEYS.get(i), value instanceof String text ? text.strip() : value);
                }
                return row;
            }
        }
    }

    /**
     * Prepares {@code sql}: Jaybird sends the prepare to the server at once, which parses the statement and resolves its
     * tables and columns (a plan is made) without executing it. An error's {@code line N, column M} counts bytes of the
     * connection's character set, which are turned into characters of the user's line.
     */
    static SqlValidation validate(Connection connection, String sql) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(sql, "sql is null");
        try (PreparedStatement ignored = connection.prepareStatement(sql)) {
            return SqlValidation.ok();
        } catch (SQLException e) {
            if (SqlValidation.isConnectionFailure(e)) {
                throw e;
            }
            String message = DRIVER_SUFFIX.matcher(String.valueOf(e.getMessage())).replaceFirst("");
            Matcher position = POSITION.matcher(message);
            if (!position.find()) {
                return SqlValidation.invalid(1, 1, message);
            }
            try {
                return locate(sql, Integer.parseInt(position.group(1)), Integer.parseInt(position.group(2)), encoding(connection), message);
            } catch (NumberFormatException tooLarge) {
                return SqlValidation.invalid(1, 1, message);
            }
        }
    }

    /** Statements Firebird prepares (plans) without running them. */
    private static final java.util.Set<String> ESTIMABLE = java.util.Set.of("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "MERGE");

    /**
     * The plan Firebird chose for the statement, prepared on the server and never executed: Jaybird's explained plan
     * ({@code Select Expression -> Filter -> Table "T" Full Scan}), which carries neither rows nor cost.
     */
    static java.util.List<dev.dbspec.api.CostEstimate> estimate(Connection connection, String sql) throws SQLException {
        requireNonNull(connection, "connection is null");
        String statement = dev.dbspec.api.CostEstimate.explainableStatement(sql, ESTIMABLE);
        try (PreparedStatement prepared = connection.prepareStatement(statement)) {
            String plan = prepared.unwrap(org.firebirdsql.jdbc.FirebirdPreparedStatement.class).getExplainedExecutionPlan();
            return java.util.List.of(new dev.dbspec.api.CostEstimate(java.util.Optional.empty(), java.util.Optional.empty(),
                    plan == null ? "" : plan.strip()));
        }
    }

    /** The error at byte column {@code byteColumn} of line {@code line} (both 1-based) as line and character column; 1:1 outside the text. */
    static SqlValidation locate(String sql, int line, int byteColumn, Encoding encoding, String message) {
        String[] lines = sql.split("\n", -1); // Firebird's lexer counts lines at line feeds
        if (line < 1 || line > lines.length || byteColumn < 1) {
            return SqlValidation.invalid(1, 1, message);
        }
        String text = lines[line - 1];
        byte[] bytes = encoding == null ? text.getBytes(StandardCharsets.UTF_8) : encoding.encodeToCharset(text);
        int prefix = Math.min(byteColumn - 1, bytes.length);
        String before = encoding == null ? new String(bytes, 0, prefix, StandardCharsets.UTF_8) : encoding.decodeFromCharset(bytes, 0, prefix);
        // a cut inside a multi-byte character decodes to a replacement character: it belongs to the character it cut
        int column = before.codePointCount(0, before.length());
        if (!before.isEmpty() && before.endsWith("\uFFFD") && !text.startsWith(before)) {
            column--;
        }
        return SqlValidation.invalid(line, column + 1, message);
    }

    /** The connection's character set as Jaybird encodes statements with it; null (UTF-8) when the connection does not say. */
    private static Encoding encoding(Connection connection) {
        try {
            return connection.unwrap(FirebirdConnection.class).getFbDatabase().getEncoding();
        } catch (SQLException | RuntimeException e) {
            return null;
        }
    }
}
