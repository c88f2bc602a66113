package dev.dbspec.plugin.postgresql;

import dev.dbspec.api.BulkLoad;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import dev.dbspec.api.CsvFormat;
import java.io.InputStream;
import java.util.Iterator;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Uploads through {@code COPY <table> (<columns>) FROM STDIN} in PostgreSQL's text format, streamed with pgjdbc's
 * {@code CopyManager} (the protocol {@code psql \copy} uses): one statement, rows sent in 64 KB chunks, no per-row
 * round trip. Values are written by the host from the already converted row, escaped as the text format wants
 * (backslash, tab, newline and carriage return as {@code \\ \t \n \r}; NULL as {@code \N}), so no user text is ever
 * parsed as SQL. The pooled connection is unwrapped to pgjdbc's {@link PGConnection}, whose class this plugin owns.
 */
final class PostgresCopyLoad implements BulkLoad {
    private static final int CHUNK = 1 << 16;
    private static final int PROGRESS_EVERY = 10_000;

    @Override
    public long load(Connection connection, Target target, Iterator<Object[]> rows, LongConsumer progress) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        String sql = "COPY " + target.tableSql() + " (" + String.join(", ", target.columnsSql()) + ") FROM STDIN";
        CopyIn copy = pg.getCopyAPI().copyIn(sql);
        Buffer buffer = new Buffer(copy);
        long done = 0;
        try {
            while (rows.hasNext()) {
                Object[] row = rows.next();
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        buffer.put((byte) '\t');
                    }
                    write(buffer, row[i]);
                }
                buffer.put((byte) '\n');
                if (++done % PROGRESS_EVERY == 0) {
                    progress.accept(done);
                }
            }
            buffer.flush();
            long copied = copy.endCopy();
            progress.accept(copied);
            return copied;
        } catch (SQLException | RuntimeException | Error e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the transaction is rolled back by the caller
                }
            }
            throw e;
        }
    }

    /**
     * {@code COPY <table> (<columns>) FROM STDIN WITH (FORMAT csv, HEADER b, DELIMITER 'd', NULL 'n', ENCODING 'UTF8')}, the
     * bytes streamed as they are (what {@code psql \copy} does), for UTF-8 files whose delimiter and NULL marker are plain
     * printable ASCII without quotes or backslashes (anything else goes through {@link #load}).
     */
    @Override
    public boolean readsCsv(CsvFormat format) {
        return format.charset().equals(StandardCharsets.UTF_8) && plain(String.valueOf(format.delimiter())) && plain(format.nullMarker());
    }

    @Override
    public OptionalLong loadCsv(Connection connection, Target target, CsvFormat format, InputStream csv) throws SQLException {
        if (!readsCsv(format)) {
            return OptionalLong.empty();
        }
        String sql = "COPY " + target.tableSql() + " (" + String.join(", ", target.columnsSql()) + ") FROM STDIN WITH (FORMAT csv, HEADER "
                + format.header() + ", DELIMITER '" + format.delimiter() + "', NULL '" + format.nullMarker() + "', ENCODING 'UTF8')";
        try {
            return OptionalLong.of(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, csv, 4 * CHUNK));
        } catch (java.io.IOException e) {
            throw new SQLException("reading the upload for COPY: " + e.getMessage(), "58030", e);
        }
    }

    /** Printable ASCII other than quotes and backslashes: safe inside a string literal and read alike by COPY. */
    private static boolean plain(String text) {
        return text.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '\'' && c != '"' && c != '\\');
    }

    private static void write(Buffer buffer, Object value) throws SQLException {
        if (value == null) {
            buffer.put((byte) '\\');
            buffer.put((byte) 'N');
        } else if (value instanceof String text) {
            buffer.text(text);
        } else if (value instanceof Boolean bool) {
            buffer.put((byte) (bool ? 't' : 'f'));
        } else if (value instanceof BigDecimal number) {
            buffer.ascii(number.toPlainString());
        } else if (value instanceof LocalDateTime timestamp) {
            buffer.ascii(BulkLoad.timestampText(timestamp));
        } else if (value instanceof LocalDate || value instanceof Number || value instanceof java.time.LocalTime) {
            buffer.ascii(value.toString());
        } else {
            buffer.text(value.toString());
        }
    }

    /** Bytes for the copy stream, UTF-8 (pgjdbc's client encoding), flushed in chunks. */
    private static final class Buffer {
        private final CopyIn copy;
        private final byte[] bytes = new byte[CHUNK + 16];
        private int length;

        Buffer(CopyIn copy) {
            this.copy = copy;
        }

        void put(byte b) throws SQLException {
            bytes[length++] = b;
            if (length >= CHUNK) {
                flush();
            }
        }

        void ascii(String text) throws SQLException {
            for (int i = 0; i < text.length(); i++) {
                put((byte) text.charAt(i));
            }
        }

        void text(String text) throws SQLException {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x80) {
                    switch (c) {
                        case '\\' -> { put((byte) '\\'); put((byte) '\\'); }
                        case '\t' -> { put((byte) '\\'); put((byte) 't'); }
                        case '\n' -> { put((byte) '\\'); put((byte) 'n'); }
                        case '\r' -> { put((byte) '\\'); put((byte) 'r'); }
                        default -> put((byte) c);
                    }
                } else {
                    int end = i + 1;
                    if (Character.isHighSurrogate(c) && end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                        end++;
                    }
                    for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                        put(b);
                    }
                    i = end - 1;
                }
            }
        }

        void flush() throws SQLException {
            if (length > 0) {
                copy.writeToCopy(bytes, 0, length);
                length = 0;
            }
        }
    }
}
