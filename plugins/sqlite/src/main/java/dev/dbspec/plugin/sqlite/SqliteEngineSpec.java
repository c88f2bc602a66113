package dev.dbspec.plugin.sqlite;

import static java.util.Map.entry;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.HostAccess;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * SQLite through xerial sqlite-jdbc. SQLite has no datetime type: values are ISO-8601 text, grains are
 * computed with {@code DATETIME()} modifiers and come back as {@code YYYY-MM-DD HH:MM:SS} text.
 */
@Extension
public final class SqliteEngineSpec implements EngineSpec {
    private static final String WEEK_STARTING_MONDAY =
            "DATETIME({col}, 'start of day', '-' || ((STRFTIME('%w', {col}) + 6) % 7) || ' days')";

    private static final Map<TimeGrain, String> GRAINS = Map.ofEntries(
            entry(TimeGrain.SECOND, "DATETIME(STRFTIME('%Y-%m-%dT%H:%M:%S', {col}))"),
            entry(TimeGrain.FIVE_SECONDS, stepped("seconds", "%S", 5)),
            entry(TimeGrain.THIRTY_SECONDS, stepped("seconds", "%S", 30)),
            entry(TimeGrain.MINUTE, "DATETIME(STRFTIME('%Y-%m-%dT%H:%M:00', {col}))"),
            entry(TimeGrain.FIVE_MINUTES, stepped("minutes", "%M", 5)),
            entry(TimeGrain.TEN_MINUTES, stepped("minutes", "%M", 10)),
            entry(TimeGrain.FIFTEEN_MINUTES, stepped("minutes", "%M", 15)),
            entry(TimeGrain.THIRTY_MINUTES, stepped("minutes", "%M", 30)),
            entry(TimeGrain.HALF_HOUR, stepped("minutes", "%M", 30)),
            entry(TimeGrain.HOUR, "DATETIME(STRFTIME('%Y-%m-%dT%H:00:00', {col}))"),
            entry(TimeGrain.SIX_HOURS, stepped("hours", "%H", 6)),
            entry(TimeGrain.DAY, "DATETIME({col}, 'start of day')"),
            entry(TimeGrain.WEEK, WEEK_STARTING_MONDAY),
            entry(TimeGrain.WEEK_STARTING_MONDAY, WEEK_STARTING_MONDAY),
            entry(TimeGrain.WEEK_STARTING_SUNDAY, "DATETIME({col}, 'start of day', -STRFTIME('%w', {col}) || ' days')"),
            entry(TimeGrain.WEEK_ENDING_SATURDAY, "DATETIME({col}, 'start of day', 'weekday 6')"),
            entry(TimeGrain.WEEK_ENDING_SUNDAY, "DATETIME({col}, 'start of day', 'weekday 0')"),
            entry(TimeGrain.MONTH, "DATETIME({col}, 'start of month')"),
            entry(TimeGrain.QUARTER, "DATETIME({col}, 'start of month', PRINTF('-%d month', (STRFTIME('%m', {col}) - 1) % 3))"),
            entry(TimeGrain.QUARTER_YEAR, "DATETIME({col}, 'start of month', PRINTF('-%d month', (STRFTIME('%m', {col}) - 1) % 3))"),
            entry(TimeGrain.YEAR, "DATETIME({col}, 'start of year')"));

    /** SQLite stores datetimes as ISO text, so TEXT columns get timestamp literals too. */
    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .nativeType("^text$", "'{value}'", "yyyy-MM-dd HH:mm:ss.SSS")
            .add(TemporalType.DATE, "'{value}'", "yyyy-MM-dd")
            .add(TemporalType.TIME, "'{value}'", "HH:mm:ss.SSS")
            .add(TemporalType.TIMESTAMP, "'{value}'", "yyyy-MM-dd HH:mm:ss.SSS")
            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "'{value}'", "yyyy-MM-dd HH:mm:ss.SSSxxx")
            .build();

    /** sqlite-jdbc reports no SQLSTATE; its messages carry SQLite's result code and text. */
    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("syntax error|incomplete input|unrecognized token", ErrorCategory.SYNTAX)
            .message("no such table", ErrorCategory.MISSING_TABLE)
            .message("SQLITE_CANTOPEN|unable to open database", ErrorCategory.UNKNOWN_DATABASE)
            .message("SQLITE_AUTH|not authorized|SQLITE_READONLY|SQLITE_PERM", ErrorCategory.PERMISSION)
            .message("SQLITE_INTERRUPT|interrupted", ErrorCategory.CANCELLED)
            .message("SQLITE_BUSY|database is locked", ErrorCategory.TIMEOUT)
            .then(ErrorPatterns.standard())
            .build();

    /**
     * Floors the field {@code format} (a STRFTIME code) to a multiple of {@code step}: truncate to the
     * field's unit, then subtract the remainder. DATETIME() drops fractional seconds, which truncates
     * seconds without a STRFTIME.
     */
    private static String stepped(String unit, String format, int step) {
        String truncated = switch (unit) {
            case "seconds" -> "{col}";
            case "minutes" -> "STRFTIME('%Y-%m-%dT%H:%M:00', {col})";
            default -> "STRFTIME('%Y-%m-%dT%H:00:00', {col})";
        };
        return "DATETIME(" + truncated + ", PRINTF('-%d " + unit + "', CAST(STRFTIME('" + format + "', {col}) AS INT) % " + step + "))";
    }

    /**
     * Files anywhere on the host: ATTACH opens or creates one, VACUUM [schema] INTO writes one, sqlite-jdbc's
     * BACKUP TO and RESTORE FROM write and read one, extensions load native code.
     */
    private static final HostAccess HOST_ACCESS = new HostAccess(List.of("ATTACH", "VACUUM", "BACKUP", "RESTORE"),
            Set.of("LOAD_EXTENSION"));

    @Override
    public String id() {
        return "sqlite";
    }

    @Override
    public String displayName() {
        return "SQLite";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:sqlite:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:sqlite:{file}";
    }

    @Override
    public String driverClassName() {
        return "org.sqlite.JDBC";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("org.xerial:sqlite-jdbc:3.50.3.0", "Apache-2.0", true));
    }

    @Override
    public ErrorPatterns errorPatterns() {
        return ERRORS;
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.add(Capability.CANCEL);
        capabilities.remove(Capability.SSH_TUNNELING); // a local file
        return capabilities;
    }

    @Override
    public Optional<String> longRunningQuery() {
        return Optional.of("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT COUNT(*) FROM c");
    }

    @Override
    public Optional<java.nio.file.Path> localDatabasePath(String jdbcUrl) {
        return dev.dbspec.api.LocalPaths.after(jdbcUrl, "jdbc:sqlite:", "?", ":memory:", "file::memory:", ":resource:");
    }

    @Override
    public HostAccess hostAccess() {
        return HOST_ACCESS;
    }

    /**
     * The database is opened read-only ({@code open_mode=1}, SQLITE_OPEN_READONLY, over the URL's own
     * {@code open_mode}; a {@code file:} URL asking for {@code mode=rw} is refused by SQLite); sqlite-jdbc cannot change
     * the flag on an open connection, so {@code setReadOnly} is not called.
     */
    @Override
    public ReadOnlyMode readOnlyMode(String jdbcUrl) {
        return ReadOnlyMode.CLASSIFIER_ONLY.withConnectionProperties(Map.of("open_mode", "1"));
    }

    @Override
    public Map<String, String> forbiddenUrlOptions() {
        return Map.of("enable_load_extension", "lets SQL load native extension libraries from the local file system");
    }

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    @Override
    public DatetimeLiterals datetimeLiterals() {
        return LITERALS;
    }

    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("DATETIME({col}, 'unixepoch')");
    }

    @Override
    public Optional<String> epochMillisToDatetime() {
        return Optional.of("STRFTIME('%Y-%m-%d %H:%M:%f', {col} / 1000.0, 'unixepoch')");
    }

    @Override
    public IdentifierQuoting identifierQuoting() {
        return new IdentifierQuoting("\"", "\"", IdentifierQuoting.IdentifierCase.AS_IS);
    }

    @Override
    public SqlFamily sqlFamily() {
        return SqlFamily.SQLITE;
    }
}
