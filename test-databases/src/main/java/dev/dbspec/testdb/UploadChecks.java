package dev.dbspec.testdb;

import static dev.dbspec.testdb.Checks.fail;
import static dev.dbspec.testdb.Checks.pass;
import static dev.dbspec.testdb.Checks.timed;
import static java.util.Objects.requireNonNull;

import dev.dbspec.api.Capability;
import dev.dbspec.api.CsvFormat;
import dev.dbspec.api.CsvReader;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.TableName;
import dev.dbspec.api.TableUpload;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.UploadException;
import dev.dbspec.api.UploadMode;
import dev.dbspec.api.UploadTypes;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code file-upload} (Superset's {@code file_upload}): when {@link Capability#FILE_UPLOAD} is claimed, a tricky CSV
 * (quoted line breaks, CRLF, doubled quotes, delimiters inside quotes, NULL versus empty string, non-ASCII text and an
 * emoji, negative and fractional numbers, dates, timestamps with fractions, booleans) is read with {@link CsvReader},
 * typed by {@link UploadTypes} and loaded with {@link TableUpload} into a scratch table, read back and compared value by
 * value; an append whose worker "dies" halfway (an {@link Error} thrown from the rows, the transaction rolled back as the
 * engine does for a dropped connection) and is then run again with the same id adds its rows exactly once, and a third
 * run finds it done; a bad value is refused naming its line and column, leaving the table unchanged. The scratch table,
 * the upload's marker rows (and the marker table when it is left empty) are dropped afterwards; on an engine without
 * {@code DELETE} (QuestDB) the marker table is dropped when it holds this check's rows only. When not claimed: the
 * host refuses uploads to the engine, nothing to prove live.
 */
public final class UploadChecks {
    /** The check id. */
    public static final String ID = "file-upload";
    static final String CSV = "id,name,note,amount,day,at,flag\r\n"
            + "1,plain,\"line one\nline two\",1.5,2024-01-31,2024-01-31 23:59:59.123456,true\r\n"
            + "2,\"say \"\"hi\"\"\",\"comma, inside\",-2.25,1999-12-31,2000-01-01 00:00:00,false\n"
            + "3,Zürich ✓ 日本 😀,\"\",0.0,2024-02-29,2024-02-29 12:30:00.5,\n"
            + "4,,\"crlf\r\ninside\",,,,true\n";
    private static final List<Object[]> EXPECTED = List.of(
            new Object[] {1L, "plain", "line one\nline two", 1.5, LocalDate.of(2024, 1, 31), LocalDateTime.of(2024, 1, 31, 23, 59, 59, 123_456_000), true},
            new Object[] {2L, "say \"hi\"", "comma, inside", -2.25, LocalDate.of(1999, 12, 31), LocalDateTime.of(2000, 1, 1, 0, 0), false},
            new Object[] {3L, "Zürich ✓ 日本 😀", "", 0.0, LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 12, 30, 0, 500_000_000), null},
            new Object[] {4L, null, "crlf\r\ninside", null, null, null, true});
    /** Rows of the append that is killed: more than two batches of the default INSERT, and past a 64 KB COPY chunk. */
    private static final int APPENDED = 2_500;
    private static final int KILLED_AFTER = 2_100;
    private static final List<GenericType> TYPES = List.of(GenericType.INTEGER, GenericType.STRING, GenericType.STRING, GenericType.FLOAT,
            GenericType.DATE, GenericType.TIMESTAMP, GenericType.BOOLEAN);

    private final EngineSpec spec;
    private final LiveChecks.ConnectionSource source;
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    public UploadChecks(EngineSpec spec, LiveChecks.ConnectionSource source) {
        this.spec = requireNonNull(spec, "spec is null");
        this.source = requireNonNull(source, "source is null");
    }

    /** Thrown from the rows to stand for a worker killed mid-upload: an {@link Error}, which the upload does not handle as a failure. */
    static final class SimulatedKill extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedKill() {
            super("worker killed", null, false, false);
        }
    }

    public CheckResult fileUpload() {
        if (!spec.has(Capability.FILE_UPLOAD)) {
            return timed(ID, "CSV file upload", () -> pass("not claimed: the host refuses uploads to " + spec.id()));
        }
        return timed(ID, "CSV file upload round-trips, survives redelivery, names bad lines", () -> {
            try (Connection connection = source.open()) {
                connection.setAutoCommit(true);
                TableName table = TableName.of(null, "dbspec_up_" + suffix);
                List<String> ids = new ArrayList<>();
                // the database's own uploads keep their marker table: dropping it under one in flight would fail it
                boolean markersExisted = TableUpload.existingColumns(spec, connection,
                        new TableName(table.catalog(), table.schema(), TableUpload.MARKER_TABLE)).isPresent();
                try {
                    // 1. create from the tricky CSV, types inferred
                    Parsed parsed = parse(CSV, CsvFormat.DEFAULT);
                    if (!parsed.types.equals(TYPES)) {
                        return fail("inferred " + parsed.types + ", expected " + TYPES);
                    }
                    String first = id(ids);
                    TableUpload.Result created = TableUpload.run(spec, connection, table, UploadMode.CREATE, first, parsed.columns(),
                            parsed.rows(), done -> { });
                    if (created.rows() != 4 || created.alreadyDone()) {
                        return fail("create loaded " + created);
                    }
                    String mismatch = compare(connection, table, EXPECTED);
                    if (mismatch != null) {
                        return fail("round trip: " + mismatch);
                    }
                    if (TableUpload.existingColumns(spec, connection, new TableName(table.catalog(), table.schema(),
                            TableUpload.stageName(spec, first))).isPresent()) {
                        return fail("the staging table of the created table is left behind");
                    }
                    // 2. an append killed halfway, then redelivered, then delivered once more
                    String second = id(ids);
                    String more = appendCsv();
                    List<TableUpload.Column> columns = TableUpload.existingColumns(spec, connection, table).orElseThrow();
                    try {
                        TableUpload.run(spec, connection, table, UploadMode.APPEND, second, columns,
                                killedAfter(parse(more, CsvFormat.DEFAULT).rows(types(columns)), KILLED_AFTER), done -> { });
                        return fail("the simulated kill did not stop the upload");
                    } catch (SimulatedKill expected) {
                        connection.setAutoCommit(true);
                    }
                    long afterKill = count(connection, table);
                    if (afterKill != 4) {
                        return fail("a worker killed mid-upload left " + (afterKill - 4) + " row(s) behind");
                    }
                    TableUpload.Result redelivered = TableUpload.run(spec, connection, table, UploadMode.APPEND, second, columns,
                            parse(more, CsvFormat.DEFAULT).rows(types(columns)), done -> { });
                    TableUpload.Result again = TableUpload.run(spec, connection, table, UploadMode.APPEND, second, columns,
                            parse(more, CsvFormat.DEFAULT).rows(types(columns)), done -> { });
                    long afterRedelivery = count(connection, table);
                    if (redelivered.rows() != APPENDED || redelivered.alreadyDone() || !again.alreadyDone() || again.rows() != APPENDED
                            || afterRedelivery != 4 + APPENDED) {
                        return fail("redelivery: " + redelivered + ", then " + again + ", " + afterRedelivery + " rows (expected " + (4 + APPENDED) + ")");
                    }
                    if (TableUpload.existingColumns(spec, connection, new TableName(table.catalog(), table.schema(),
                            TableUpload.stageName(spec, second))).isPresent()) {
                        return fail("the staging table of the completed upload is left behind");
                    }
                    // 3. a bad value names its line and column; nothing is loaded
                    String bad = "id,name,note,amount,day,at,flag\n8,eight,,8.5,2024-08-08,2024-08-08 08:08:08,true\n"
                            + "9,nine,,not a number,2024-09-09,2024-09-09 09:09:09,false\n";
                    try {
                        TableUpload.run(spec, connection, table, UploadMode.APPEND, id(ids), columns, parse(bad, CsvFormat.DEFAULT).rows(types(columns)),
                                done -> { });
                        return fail("a row with 'not a number' in a FLOAT column was accepted");
                    } catch (UploadException e) {
                        if (e.line() != 3 || e.column() != 4) {
                            return fail("the bad value was reported at line " + e.line() + ", column " + e.column() + " (expected 3, 4): "
                                    + e.getMessage());
                        }
                        connection.setAutoCommit(true);
                    }
                    if (count(connection, table) != 4 + APPENDED) {
                        return fail("a refused upload left rows behind");
                    }
                    return pass("4 rows round-trip (" + spec.bulkLoad().getClass().getSimpleName() + ", "
                            + (spec.transactionalDdl() ? "one transaction" : "staging table") + "); a killed append redelivered adds 3 rows once; "
                            + "a bad value is refused at line 3, column 4");
                } finally {
                    cleanUp(connection, table, ids, markersExisted);
                }
            }
        });
    }

    private static String appendCsv() {
        StringBuilder csv = new StringBuilder("id,name,note,amount,day,at,flag\n");
        for (int i = 0; i < APPENDED; i++) {
            int id = 100 + i;
            csv.append(id).append(",\"name ").append(id).append(", with a comma\",,").append(id).append(".5,2024-05-05,2024-05-05 05:05:05.25,")
                    .append(i % 2 == 0).append('\n');
        }
        return csv.toString();
    }

    private static List<GenericType> types(List<TableUpload.Column> columns) {
        return columns.stream().map(TableUpload.Column::type).toList();
    }

    private String id(List<String> ids) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        return id;
    }

    /** A parsed CSV: columns named by its header, types inferred, rows converted lazily with their lines. */
    record Parsed(List<String> names, List<GenericType> types, String text, CsvFormat format) {
        List<TableUpload.Column> columns() {
            List<TableUpload.Column> columns = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                columns.add(new TableUpload.Column(names.get(i), types.get(i)));
            }
            return columns;
        }

        Iterator<Object[]> rows() {
            return rows(types);
        }

        Iterator<Object[]> rows(List<GenericType> as) {
            CsvReader reader = new CsvReader(new StringReader(text), format);
            try {
                reader.next(); // header
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Iterator<>() {
                private String[] next = advance();

                private String[] advance() {
                    try {
                        return reader.next();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Object[] next() {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    String[] fields = next;
                    long line = reader.line();
                    Object[] row = new Object[as.size()];
                    for (int i = 0; i < row.length; i++) {
                        try {
                            row[i] = UploadTypes.convert(as.get(i), i < fields.length ? fields[i] : null);
                        } catch (IllegalArgumentException e) {
                            throw new UploadException(line, i + 1, e.getMessage());
                        }
                    }
                    next = advance();
                    return row;
                }
            };
        }
    }

    static Parsed parse(String text, CsvFormat format) throws IOException {
        try (CsvReader reader = new CsvReader(new StringReader(text), format)) {
            List<String> names = List.of(reader.next());
            UploadTypes.Inference inference = new UploadTypes.Inference(names.size());
            for (String[] fields = reader.next(); fields != null; fields = reader.next()) {
                inference.accept(fields);
            }
            return new Parsed(names, inference.types(), text, format);
        }
    }

    private static Iterator<Object[]> killedAfter(Iterator<Object[]> rows, int count) {
        return new Iterator<>() {
            private int served;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Object[] next() {
                if (served++ == count) {
                    throw new SimulatedKill();
                }
                return rows.next();
            }
        };
    }

    private String compare(Connection connection, TableName table, List<Object[]> expected) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + TableUpload.tableSql(spec, table) + " ORDER BY "
                     + spec.identifierQuoting().quote("id"))) {
            int index = 0;
            while (rows.next()) {
                if (index >= expected.size()) {
                    return "more than " + expected.size() + " rows";
                }
                Object[] want = expected.get(index++);
                for (int i = 0; i < want.length; i++) {
                    Object got = read(rows, i + 1, TYPES.get(i));
                    if (!Objects.equals(got, want[i]) && !(want[i] instanceof LocalDateTime timestamp && Objects.equals(got, asStored(timestamp)))) {
                        return "row " + index + ", column " + (i + 1) + ": expected " + show(want[i]) + ", read " + show(got);
                    }
                }
            }
            return index == expected.size() ? null : "read " + index + " rows, expected " + expected.size();
        }
    }

    /**
     * {@code value} cut to the fraction digits of the engine's {@code TIMESTAMP} literal, which the literal check proves the
     * engine keeps (Firebird 3: four, 100 µs); {@code value} itself when the engine has no such literal. Only fewer digits
     * than the CSV's are excused, never a wrong value.
     */
    private LocalDateTime asStored(LocalDateTime value) {
        Optional<String> literal = spec.datetimeLiteral(TemporalType.TIMESTAMP, value);
        if (literal.isEmpty()) {
            return value;
        }
        int unit = 1_000_000_000;
        for (int digits = 0; digits < 9; digits++) {
            unit /= 10;
            LocalDateTime cut = value.withNano(value.getNano() / (unit * 10) * (unit * 10));
            if (literal.equals(spec.datetimeLiteral(TemporalType.TIMESTAMP, cut))) {
                return cut;
            }
        }
        return value;
    }

    private static String show(Object value) {
        return value == null ? "NULL" : value.getClass().getSimpleName() + " " + UploadException.shown(value.toString());
    }

    /** A value read back as the Java value the upload bound, through whichever accessor the driver supports. */
    static Object read(ResultSet rows, int column, GenericType type) throws SQLException {
        Object raw = rows.getObject(column);
        if (raw == null) {
            return null;
        }
        return switch (type) {
            case INTEGER -> rows.getLong(column);
            case FLOAT -> rows.getDouble(column);
            case BOOLEAN -> rows.getBoolean(column);
            case DATE -> raw instanceof String text ? LocalDate.parse(text) : rows.getDate(column).toLocalDate();
            case TIMESTAMP -> raw instanceof String text ? LocalDateTime.parse(text.replace(' ', 'T')) : rows.getTimestamp(column).toLocalDateTime();
            default -> rows.getString(column);
        };
    }

    private long count(Connection connection, TableName table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + TableUpload.tableSql(spec, table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The marker rows of other uploads than this check's. */
    private long othersThan(Connection connection, TableName marker, List<String> ids) throws SQLException {
        long ours = 0;
        try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM " + TableUpload.tableSql(spec, marker)
                + " WHERE upload_id = ?")) {
            for (String id : ids) {
                statement.setString(1, id.replace("-", ""));
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    ours += rows.getLong(1);
                }
            }
        }
        return count(connection, marker) - ours;
    }

    /**
     * Drops the scratch table and any stage left, deletes this check's marker rows, and the marker table when this check
     * created it and left it empty.
     */
    private void cleanUp(Connection connection, TableName table, List<String> ids, boolean markersExisted) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        List<TableName> drops = new ArrayList<>(List.of(table));
        for (String id : ids) {
            drops.add(new TableName(table.catalog(), table.schema(), TableUpload.stageName(spec, id)));
        }
        for (TableName drop : drops) {
            if (TableUpload.existingColumns(spec, connection, drop).isPresent()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE " + TableUpload.tableSql(spec, drop));
                }
            }
        }
        TableName marker = new TableName(table.catalog(), table.schema(), TableUpload.MARKER_TABLE);
        if (TableUpload.existingColumns(spec, connection, marker).isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TableUpload.tableSql(spec, marker) + " WHERE upload_id = ?")) {
            for (String id : ids) {
                delete.setString(1, id.replace("-", ""));
                delete.executeUpdate();
            }
        } catch (SQLException noDelete) {
            // an engine without DELETE (QuestDB): the marker table goes when it holds this check's rows only; next to other
            // uploads' rows, this check's stay (they name upload ids nobody else uses)
            if (!markersExisted && othersThan(connection, marker, ids) == 0) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE " + TableUpload.tableSql(spec, marker));
                }
            }
            return;
        }
        if (!markersExisted && count(connection, marker) == 0) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + TableUpload.tableSql(spec, marker));
            } catch (SQLException ignored) {
                // another upload is using it right now
            }
        }
    }
}
