package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * How an engine writes many rows into a table it already has: the fastest safe path of its driver. The host calls it
 * inside the transaction {@link TableUpload} manages (never committing nor rolling back itself); values come as
 * {@link UploadTypes#convert} makes them and reach the engine as bound parameters or through the driver's bulk API,
 * never as SQL text.
 *
 * <p>By default {@link #batchedInsert}: {@code INSERT INTO <table> (<columns>) VALUES (?, ...)} with JDBC batches.
 * PostgreSQL streams {@code COPY ... FROM STDIN} through pgjdbc's {@code CopyManager}; DuckDB uses its appender.
 */
@FunctionalInterface
public interface BulkLoad {
    /** Rows per JDBC batch of the default insert. */
    int DEFAULT_BATCH_SIZE = 1_000;

    /**
     * Writes every row of {@code rows} into {@code target}.
     *
     * @param progress told the number of rows written so far, at least once per batch
     * @return the number of rows written
     */
    long load(Connection connection, Target target, Iterator<Object[]> rows, LongConsumer progress) throws SQLException;

    /**
     * Loads the CSV text itself when the engine reads CSV as this format writes it (PostgreSQL's {@code COPY ... (FORMAT
     * csv)}), which spares converting every value in the host: the host calls it only after checking, in a pass of its
     * own running alongside, that every value fits its column's type and that the engine reads the file as
     * {@link CsvReader} does, and compares the row counts; on any doubt it rolls back and loads the rows instead.
     *
     * @param csv the file's bytes (a UTF-8 byte order mark already dropped); the header line too when the format has one
     * @return the rows loaded, or empty when this loader cannot read {@code format} (the default)
     */
    /** Whether {@link #loadCsv} takes files of {@code format}; false by default. */
    default boolean readsCsv(CsvFormat format) {
        return false;
    }

    default java.util.OptionalLong loadCsv(Connection connection, Target target, CsvFormat format, java.io.InputStream csv) throws SQLException {
        return java.util.OptionalLong.empty();
    }

    /**
     * The table being loaded.
     *
     * @param table      its name
     * @param tableSql   its name quoted and qualified with the engine's quoting
     * @param columns    the column names, in the order of each row's values
     * @param columnsSql the same quoted
     * @param types      the generic type of each column, which says the Java class of its values
     */
    record Target(TableName table, String tableSql, List<String> columns, List<String> columnsSql, List<GenericType> types) {
        public Target {
            requireNonNull(table, "table is null");
            requireNonNull(tableSql, "tableSql is null");
            columns = List.copyOf(columns);
            columnsSql = List.copyOf(columnsSql);
            types = List.copyOf(types);
            if (columns.size() != columnsSql.size() || columns.size() != types.size()) {
                throw new IllegalArgumentException("columns, columnsSql and types differ in length");
            }
        }
    }

    /** How dates and timestamps are bound by {@link #batchedInsert}. */
    enum Temporal {
        /** {@code setObject} with {@link LocalDate}, {@link LocalTime} and {@link LocalDateTime} (JDBC 4.2 drivers). */
        JAVA_TIME,
        /** {@code setDate}, {@code setTime} and {@code setTimestamp} (drivers without java.time, such as Derby's). */
        JDBC,
        /** ISO text ({@code 2024-01-31}, {@code 2024-01-31 12:00:00.5}): SQLite, which keeps dates as text. */
        TEXT
    }

    /** The default: {@code INSERT ... VALUES (?, ...)} in JDBC batches of {@code batchSize} rows. */
    static BulkLoad batchedInsert(int batchSize, Temporal temporal) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        requireNonNull(temporal, "temporal is null");
        return new BatchedInsert(batchSize, temporal);
    }

    /** {@link #batchedInsert}: {@code INSERT ... VALUES (?, ...)} in JDBC batches. */
    record BatchedInsert(int batchSize, Temporal temporal) implements BulkLoad {
        @Override
        public long load(Connection connection, Target target, Iterator<Object[]> rows, LongConsumer progress) throws SQLException {
            String sql = "INSERT INTO " + target.tableSql() + " (" + String.join(", ", target.columnsSql()) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(target.columnsSql().size(), "?")) + ")";
            long done = 0;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int pending = 0;
                while (rows.hasNext()) {
                    Object[] row = rows.next();
                    for (int i = 0; i < row.length; i++) {
                        bind(statement, i + 1, target.types().get(i), row[i], temporal);
                    }
                    statement.addBatch();
                    if (++pending == batchSize) {
                        statement.executeBatch();
                        done += pending;
                        pending = 0;
                        progress.accept(done);
                    }
                }
                if (pending > 0) {
                    statement.executeBatch();
                    done += pending;
                    progress.accept(done);
                }
            }
            return done;
        }
    }

    /** Binds one value of a column of {@code type} (null as a typed NULL). */
    static void bind(PreparedStatement statement, int index, GenericType type, Object value, Temporal temporal) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType(type));
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Double number) {
            statement.setDouble(index, number);
        } else if (value instanceof BigDecimal number) {
            statement.setBigDecimal(index, number);
        } else if (value instanceof Boolean bool) {
            statement.setBoolean(index, bool);
        } else if (value instanceof LocalDate date) {
            switch (temporal) {
                case JAVA_TIME -> statement.setObject(index, date);
                case JDBC -> statement.setDate(index, java.sql.Date.valueOf(date));
                case TEXT -> statement.setString(index, date.toString());
            }
        } else if (value instanceof LocalDateTime timestamp) {
            switch (temporal) {
                case JAVA_TIME -> statement.setObject(index, timestamp);
                case JDBC -> statement.setTimestamp(index, java.sql.Timestamp.valueOf(timestamp));
                case TEXT -> statement.setString(index, timestampText(timestamp));
            }
        } else if (value instanceof LocalTime time) {
            switch (temporal) {
                case JAVA_TIME -> statement.setObject(index, time);
                case JDBC -> statement.setTime(index, java.sql.Time.valueOf(time));
                case TEXT -> statement.setString(index, time.toString());
            }
        } else {
            statement.setString(index, value.toString());
        }
    }

    /** {@code yyyy-MM-dd HH:mm:ss} with the fraction's significant digits ({@code .5}, {@code .123456}); years 0 to 9999. */
    static String timestampText(LocalDateTime timestamp) {
        StringBuilder text = new StringBuilder(26);
        int year = timestamp.getYear();
        if (year < 0 || year > 9999) {
            return timestamp.toLocalDate() + " " + timestamp.toLocalTime();
        }
        pad(text, year, 4).append('-');
        pad(text, timestamp.getMonthValue(), 2).append('-');
        pad(text, timestamp.getDayOfMonth(), 2).append(' ');
        pad(text, timestamp.getHour(), 2).append(':');
        pad(text, timestamp.getMinute(), 2).append(':');
        pad(text, timestamp.getSecond(), 2);
        int nanos = timestamp.getNano();
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            text.append('.');
            pad(text, nanos, digits);
        }
        return text.toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    /** The {@link Types} code of a column of {@code type}, for typed NULLs. */
    static int sqlType(GenericType type) {
        return switch (type) {
            case INTEGER -> Types.BIGINT;
            case FLOAT -> Types.DOUBLE;
            case DECIMAL -> Types.DECIMAL;
            case BOOLEAN -> Types.BOOLEAN;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case BINARY -> Types.VARBINARY;
            default -> Types.VARCHAR;
        };
    }
}
