package dev.dbspec.plugin.duckdb;

import dev.dbspec.api.BulkLoad;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Uploads through DuckDB's appender ({@code DuckDBConnection.createAppender}), which writes typed values straight
 * into the table's column chunks without parsing SQL per row. The appender fills every column in table order, so
 * an append naming other columns (or another order) goes through the default batched INSERT instead.
 */
final class DuckdbAppenderLoad implements BulkLoad {
    private static final int PROGRESS_EVERY = 10_000;

    @Override
    public long load(Connection connection, Target target, Iterator<Object[]> rows, LongConsumer progress) throws SQLException {
        if (!target.columns().equals(tableColumns(connection, target.tableSql()))) {
            return BulkLoad.batchedInsert(DEFAULT_BATCH_SIZE, Temporal.JAVA_TIME).load(connection, target, rows, progress);
        }
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        String schema = target.table().schema().orElse("main");
        long done = 0;
        try (DuckDBAppender appender = target.table().catalog().isPresent()
                ? duck.createAppender(target.table().catalog().get(), schema, target.table().name())
                : duck.createAppender(schema, target.table().name())) {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                appender.beginRow();
                for (Object value : row) {
                    append(appender, value);
                }
                appender.endRow();
                if (++done % PROGRESS_EVERY == 0) {
                    progress.accept(done);
                }
            }
        }
        progress.accept(done);
        return done;
    }

    private static List<String> tableColumns(Connection connection, String tableSql) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + tableSql + " WHERE 1 = 0")) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i));
            }
            return names;
        }
    }

    private static void append(DuckDBAppender appender, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else if (value instanceof Long number) {
            appender.append(number.longValue());
        } else if (value instanceof Double number) {
            appender.append(number.doubleValue());
        } else if (value instanceof BigDecimal number) {
            appender.append(number);
        } else if (value instanceof Boolean bool) {
            appender.append(bool.booleanValue());
        } else if (value instanceof LocalDate date) {
            appender.append(date);
        } else if (value instanceof LocalDateTime timestamp) {
            appender.append(timestamp);
        } else if (value instanceof LocalTime time) {
            appender.append(time);
        } else {
            appender.append(value.toString());
        }
    }
}
