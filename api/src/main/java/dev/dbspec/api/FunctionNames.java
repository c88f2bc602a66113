package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading function names from a connection, for {@link EngineSpec#functionNames(Connection)}: the rows of a catalog
 * query, the driver's {@link DatabaseMetaData#getFunctions}, and the built-in functions the driver lists.
 */
public final class FunctionNames {
    /** The stored functions of SQL's standard {@code INFORMATION_SCHEMA.ROUTINES} (H2, HSQLDB); built-ins are not in it. */
    public static final String INFORMATION_SCHEMA_FUNCTIONS =
            "SELECT DISTINCT ROUTINE_NAME FROM INFORMATION_SCHEMA.ROUTINES WHERE ROUTINE_TYPE = 'FUNCTION'";

    private FunctionNames() {
    }

    /** The non-blank values of the first column of {@code sql}'s rows. */
    public static Set<String> query(Connection connection, String sql) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(sql, "sql is null");
        Set<String> names = new TreeSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                add(names, rows.getString(1));
            }
        }
        return names;
    }

    /** The functions {@link DatabaseMetaData#getFunctions} lists (user-defined ones, for most drivers). */
    public static Set<String> jdbcFunctions(Connection connection) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (ResultSet rows = connection.getMetaData().getFunctions(null, null, "%")) {
            while (rows.next()) {
                add(names, rows.getString("FUNCTION_NAME"));
            }
        } catch (SQLFeatureNotSupportedException e) {
            // the driver cannot list them: the built-ins below are all there is
        }
        return names;
    }

    /** The built-in functions the driver lists (string, numeric, date and time, system), as it spells them. */
    public static Set<String> jdbcBuiltins(Connection connection) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        Set<String> names = new TreeSet<>();
        for (String list : new String[] {metadata.getStringFunctions(), metadata.getNumericFunctions(),
                metadata.getTimeDateFunctions(), metadata.getSystemFunctions()}) {
            if (list != null) {
                for (String name : list.split(",")) {
                    add(names, name);
                }
            }
        }
        return names;
    }

    private static void add(Set<String> names, String name) {
        if (name != null && !name.isBlank()) {
            names.add(name.strip());
        }
    }
}
