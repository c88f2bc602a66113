package dev.dbspec.testdb;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The engine version each live engine is validated on, read from {@code validated-versions.tsv} beside this class: what
 * {@code dbspec engines --json} and {@code GET /api/engines} call {@code validatedVersion}, and what the conformance kit
 * checks the engine under test reports ({@link #check}), so the declaration fails the build when the engine changes.
 */
public final class ValidatedVersions {
    private static final String FILE = "validated-versions.tsv";
    private static final String SQL_SOURCE = "sql:";

    /**
     * One row: the engine, its version as people name it, the query that reports it (empty: {@link DatabaseMetaData}'s
     * product name and version) and the pattern the report must match.
     */
    public record ValidatedVersion(String engineId, String label, Optional<String> versionSql, Pattern reported) {
        public ValidatedVersion {
            requireNonNull(engineId, "engineId is null");
            requireNonNull(label, "label is null");
            requireNonNull(versionSql, "versionSql is null");
            requireNonNull(reported, "reported is null");
        }

        /** The version text the engine behind {@code connection} reports. */
        public String reportedBy(Connection connection) throws SQLException {
            requireNonNull(connection, "connection is null");
            if (versionSql.isPresent()) {
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(versionSql.get())) {
                    return rs.next() ? String.valueOf(rs.getString(1)) : "";
                }
            }
            DatabaseMetaData metadata = connection.getMetaData();
            return metadata.getDatabaseProductName() + " " + metadata.getDatabaseProductVersion();
        }

        /** Whether {@code report} (as {@link #reportedBy} reads it) is this version. */
        public boolean matches(String report) {
            return reported.matcher(requireNonNull(report, "report is null").strip()).matches();
        }
    }

    private static final Map<String, ValidatedVersion> ALL = load();

    private ValidatedVersions() {
    }

    /** The version {@code engineId} is validated live on, or empty for an engine that is not validated live here. */
    public static Optional<ValidatedVersion> of(String engineId) {
        return Optional.ofNullable(ALL.get(requireNonNull(engineId, "engineId is null")));
    }

    /** Every row, by engine id, in the file's order. */
    public static Map<String, ValidatedVersion> all() {
        return ALL;
    }

    /**
     * Fails with both versions named when the engine behind {@code connection} does not report {@code expected}: the
     * build then says which row of {@code validated-versions.tsv} to change.
     */
    public static void check(ValidatedVersion expected, Connection connection) throws SQLException {
        String report = expected.reportedBy(connection);
        if (!expected.matches(report)) {
            throw new AssertionError(expected.engineId() + " is declared validated on " + expected.label() + " (" + expected.reported()
                    + ") in " + FILE + ", but the live engine reports \"" + report + "\": change that row to the version validated now");
        }
    }

    static Map<String, ValidatedVersion> parse(BufferedReader reader) throws IOException {
        Map<String, ValidatedVersion> rows = new LinkedHashMap<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != 4 || cells[0].isBlank() || cells[1].isBlank() || cells[3].isBlank()) {
                throw new IllegalStateException(FILE + " line " + number + ": expected engine, version, source and pattern, tab-separated");
            }
            Optional<String> sql;
            if (cells[2].equals("metadata")) {
                sql = Optional.empty();
            } else if (cells[2].startsWith(SQL_SOURCE) && cells[2].length() > SQL_SOURCE.length()) {
                sql = Optional.of(cells[2].substring(SQL_SOURCE.length()));
            } else {
                throw new IllegalStateException(FILE + " line " + number + ": the source is \"metadata\" or \"sql:<query>\", not " + cells[2]);
            }
            if (rows.put(cells[0], new ValidatedVersion(cells[0], cells[1], sql, Pattern.compile(cells[3]))) != null) {
                throw new IllegalStateException(FILE + " line " + number + ": engine " + cells[0] + " appears twice");
            }
        }
        return java.util.Collections.unmodifiableMap(rows);
    }

    private static Map<String, ValidatedVersion> load() {
        try (InputStream in = ValidatedVersions.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the class path beside " + ValidatedVersions.class.getName());
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
