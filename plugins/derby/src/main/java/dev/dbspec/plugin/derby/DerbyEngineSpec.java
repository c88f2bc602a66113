package dev.dbspec.plugin.derby;

import dev.dbspec.api.BulkLoad;
import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.HostAccess;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.api.UnsafeUrlException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Apache Derby 10.16, embedded or through its Network Server ({@code jdbc:derby://host:port/}, the network client). Derby has no date truncation, weekday or typed literals: grains build
 * the time of day as text and find the ISO weekday from the Julian day number, because TIMESTAMPADD
 * works in the JVM's time zone; only whole days are added with it (exact unless midnight does not
 * exist on that day in the JVM's zone). Cancel on the embedded driver only ({@link #cancel}). Cost estimates come
 * from XPLAIN's explain-only mode, which plans without executing.
 */
@Extension
public final class DerbyEngineSpec extends DeclaredEngineSpec {
    /**
     * Where Derby's error log goes instead of {@code derby.log} in the working directory: nowhere. Derby
     * reads {@code derby.stream.error.field} (a public static stream, {@code Class.FIELD}) when the engine
     * boots, through the class loader of derby.jar, which is this plugin's; the driver's exceptions still
     * reach the caller. An operator's own {@code derby.stream.error.*} setting is kept.
     */
    public static final java.io.OutputStream DERBY_LOG = java.io.OutputStream.nullOutputStream();

    static {
        if (System.getProperty("derby.stream.error.file") == null && System.getProperty("derby.stream.error.method") == null
                && System.getProperty("derby.stream.error.field") == null) {
            System.setProperty("derby.stream.error.field", DerbyEngineSpec.class.getName() + ".DERBY_LOG");
        }
    }

    private static final String DAY = "TIMESTAMP(DATE({col}), '00:00:00')";

    /** ISO weekday, 0 = Monday: the Julian day number (Fliegel and Van Flandern, integer division) modulo 7. */
    private static final String WEEKDAY = "MOD(DAY({col}) + (153 * (MONTH({col}) + 12 * ((14 - MONTH({col})) / 12) - 3) + 2) / 5"
            + " + 365 * (YEAR({col}) + 4800 - (14 - MONTH({col})) / 12) + (YEAR({col}) + 4800 - (14 - MONTH({col})) / 12) / 4"
            + " - (YEAR({col}) + 4800 - (14 - MONTH({col})) / 12) / 100 + (YEAR({col}) + 4800 - (14 - MONTH({col})) / 12) / 400"
            + " - 32045, 7)";
    private static final String SECONDS = "CAST(SECOND({col}) AS INTEGER)";

    /** Each time field's value; seconds as an integer, since {@code SECOND} keeps the fraction. */
    private static final Map<TimeGrain, String> FIELDS = Map.of(TimeGrain.HOUR, "HOUR({col})", TimeGrain.MINUTE, "MINUTE({col})",
            TimeGrain.SECOND, SECONDS);

    /** Times of day rebuilt from their fields; weeks as day arithmetic on the computed weekday (0 = Monday). */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> at(unit, FIELDS.get(unit)), TimeGrain.MINUTE, TimeGrain.HOUR)
            .grain(TimeGrain.SECOND, "TIMESTAMP(DATE({col}), TIME({col}))")
            .grain(TimeGrain.DAY, "DATE({col})")
            .stepped((within, field, step, value) -> at(field, FIELDS.get(field) + " - MOD(" + FIELDS.get(field) + ", " + step + ")"))
            .weekdayWeeks(DAY, WEEKDAY, 0, (day, days) -> "{fn TIMESTAMPADD(SQL_TSI_DAY, " + days + ", " + day + ")}",
                    TimeGrains.modFunction())
            .grain(TimeGrain.MONTH, firstOfMonth("MONTH({col})"))
            .grain(TimeGrain.QUARTER, firstOfMonth("MONTH({col}) - MOD(MONTH({col}) - 1, 3)"))
            .grain(TimeGrain.YEAR, "DATE(" + digits("YEAR({col})", 4) + " || '-01-01')")
            .build();

    /** Derby names binary strings "VARCHAR () FOR BIT DATA"; LONG VARCHAR is text, not a number. */
    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("for bit data$", GenericType.BINARY)
            .map("^long varchar$", GenericType.STRING)
            .then(ColumnTypes.defaults())
            .build();

    /** Derby's SQLSTATEs (org.apache.derby.shared.common.reference.SQLState) before the standard classes. */
    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            // The Network Server answers 08004 for a database it cannot find too (embedded Derby says XJ004).
            .message("database \\S+ was not found", ErrorCategory.UNKNOWN_DATABASE)
            .sqlState("08004", ErrorCategory.BAD_CREDENTIALS)
            .sqlState("XJ004", ErrorCategory.UNKNOWN_DATABASE)
            .sqlState("42X05", ErrorCategory.MISSING_TABLE)
            .sqlState("42Y07", ErrorCategory.MISSING_TABLE)
            .sqlState("42Y55", ErrorCategory.MISSING_TABLE)
            .sqlState("42X01", ErrorCategory.SYNTAX)
            .sqlState("42X02", ErrorCategory.SYNTAX)
            .sqlState("4250", ErrorCategory.PERMISSION)
            .sqlState("25502", ErrorCategory.PERMISSION) // a data change on a read-only connection
            .sqlState("XCL52", ErrorCategory.TIMEOUT)
            .sqlState("40XL1", ErrorCategory.TIMEOUT)
            .then(ErrorPatterns.standard())
            .build();

    /** Zero-padded decimal digits of a non-negative integer expression, for example 7 -> '07'. */
    private static String digits(String expression, int width) {
        return "SUBSTR(CHAR(" + "1" + "0".repeat(width) + " + " + expression + "), 2, " + width + ")";
    }

    /** The day of {@code {col}} at the given time of day, built from text so the JVM zone plays no part. */
    /** The value's day at its time cut after {@code last}, which is {@code lastValue}; later fields are zero. */
    private static String at(TimeGrain last, String lastValue) {
        String hour = last == TimeGrain.HOUR ? lastValue : FIELDS.get(TimeGrain.HOUR);
        String minute = last == TimeGrain.HOUR ? "0" : last == TimeGrain.MINUTE ? lastValue : FIELDS.get(TimeGrain.MINUTE);
        String second = last == TimeGrain.SECOND ? lastValue : "0";
        return "TIMESTAMP(DATE({col}), " + digits(hour, 2) + " || ':' || " + digits(minute, 2) + " || ':' || " + digits(second, 2) + ")";
    }

    private static String firstOfMonth(String month) {
        return "DATE(" + digits("YEAR({col})", 4) + " || '-' || " + digits(month, 2) + " || '-01')";
    }

    /** Static Java methods and classes bound by DDL, jars installed into the database, file import/export, backups, log readers. */
    private static final HostAccess HOST_ACCESS = new HostAccess(
            List.of("CREATE FUNCTION", "CREATE PROCEDURE", "CREATE TYPE", "CREATE DERBY AGGREGATE"),
            Set.of("SYSCS_EXPORT_TABLE", "SYSCS_EXPORT_QUERY", "SYSCS_EXPORT_TABLE_LOBS_TO_EXTFILE", "SYSCS_EXPORT_QUERY_LOBS_TO_EXTFILE",
                    "SYSCS_IMPORT_TABLE", "SYSCS_IMPORT_DATA", "SYSCS_IMPORT_TABLE_LOBS_FROM_EXTFILE", "SYSCS_IMPORT_DATA_LOBS_FROM_EXTFILE",
                    "SYSCS_IMPORT_TABLE_BULK", "SYSCS_IMPORT_DATA_BULK", "ERROR_LOG_READER", "STATEMENT_DURATION",
                    "SYSCS_BACKUP_DATABASE", "SYSCS_BACKUP_DATABASE_NOWAIT",
                    "SYSCS_BACKUP_DATABASE_AND_ENABLE_LOG_ARCHIVE_MODE", "SYSCS_BACKUP_DATABASE_AND_ENABLE_LOG_ARCHIVE_MODE_NOWAIT",
                    "INSTALL_JAR", "REPLACE_JAR", "SYSCS_REGISTER_TOOL", "SYSCS_BULK_INSERT", "SYSCS_SET_DATABASE_PROPERTY"));

    /** The network client's driver, for {@code jdbc:derby://} URLs; in derbytools, with the client itself in derbyclient. */
    static final String CLIENT_DRIVER = "org.apache.derby.jdbc.ClientDriver";

    /** The embedded driver, and the network client's for {@code jdbc:derby://host:port/} URLs ({@link DerbyDriver}). */
    @Override
    public java.sql.Driver loadDriver() throws java.sql.SQLException {
        java.sql.Driver embedded = super.loadDriver();
        try {
            Class<?> client = Class.forName(CLIENT_DRIVER, true, getClass().getClassLoader());
            return new DerbyDriver(embedded, (java.sql.Driver) client.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new java.sql.SQLException(id() + ": cannot instantiate Derby's network client driver " + CLIENT_DRIVER + ": " + e, "08001", e);
        }
    }

    /** Embedded Derby opens a folder; {@code directory:} is the explicit form of the same. */
    @Override
    public java.util.Optional<java.nio.file.Path> localDatabasePath(String jdbcUrl) {
        String url = jdbcUrl.regionMatches(true, 0, "jdbc:derby:directory:", 0, 21) ? "jdbc:derby:" + jdbcUrl.substring(21) : jdbcUrl;
        return dev.dbspec.api.LocalPaths.after(url, "jdbc:derby:", ";", "memory:", "//", "classpath:", "jar:");
    }

    private static final String COPIES_FILES = "copies a database from a local directory named in the URL";
    private static final String TRACES = "writes the driver's trace to a local file or directory named in the URL";

    /** Derby's connection URL attributes ({@code jdbc:derby:name;attribute=value}), from its reference manual. */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow(OptionRule.bool(), "create", "shutdown", "deregister", "upgrade", "drop", "retrieveMessageText", "dataEncryption")
            .allow("databaseName", OptionRule.text(256))
            .allow("territory", OptionRule.text(32))
            .allow("collation", OptionRule.oneOf("UCS_BASIC", "TERRITORY_BASED", "TERRITORY_BASED:PRIMARY", "TERRITORY_BASED:SECONDARY",
                    "TERRITORY_BASED:TERTIARY", "TERRITORY_BASED:IDENTICAL"))
            .allow("encryptionAlgorithm", OptionRule.text(64))
            .allow("encryptionKeyLength", OptionRule.integer(0, 1024))
            .secret("bootPassword", "newBootPassword", "encryptionKey", "newEncryptionKey")
            .refuse(COPIES_FILES, "createFrom", "restoreFrom", "rollForwardRecoveryFrom")
            .refuse("writes the transaction log to a local directory named in the URL", "logDevice")
            .refuse("makes the engine instantiate a class named in the URL", "encryptionProvider")
            .refuse(TRACES, "traceFile", "traceDirectory", "traceLevel", "traceFileAppend")
            // The network client's own: TLS to the server (peerAuthentication checks the server's certificate with the
            // JVM's trust store); the embedded driver ignores it.
            .allow("ssl", OptionRule.oneOf("off", "basic", "peerAuthentication"))
            .refuse("chooses the network client's DRDA security mechanism (some send the password in clear, others use a weak"
                    + " 56-bit key exchange); the client's default is used, with ssl to protect the password", "securityMechanism")
            .build();

    /**
     * {@code memory:}, {@code directory:} or a plain path; {@code classpath:} and {@code jar:} (databases
     * inside archives or the class path, which the file check cannot see) are refused.
     */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, java.util.Properties properties) {
        if (jdbcUrl.regionMatches(true, 0, "jdbc:derby:classpath:", 0, 21) || jdbcUrl.regionMatches(true, 0, "jdbc:derby:jar:", 0, 15)) {
            throw UnsafeUrlException.url(id(), "classpath: and jar: open databases the file check cannot see");
        }
        return super.driverOptions(jdbcUrl, properties);
    }

    /** Milliseconds after the epoch: the whole seconds by {@link #epoch}, the rest added as fractional seconds. */
    private static String epochMillis() {
        String millis = "MOD(MOD(CAST({col} AS BIGINT), 1000) + 1000, 1000)";
        return "{fn TIMESTAMPADD(SQL_TSI_FRAC_SECOND, CAST(" + millis + " AS INTEGER) * 1000000, "
                + epoch("(CAST({col} AS BIGINT) - " + millis + ") / 1000") + ")}";
    }

    /** {@code seconds} (a BIGINT expression) after the epoch: the day by TIMESTAMPADD, the time of day as text. */
    private static String epoch(String seconds) {
        String remainder = "MOD(MOD(" + seconds + ", 86400) + 86400, 86400)";
        String day = "{fn TIMESTAMPADD(SQL_TSI_DAY, CAST((" + seconds + " - " + remainder + ") / 86400 AS INTEGER),"
                + " TIMESTAMP('1970-01-01 00:00:00'))}";
        return "TIMESTAMP(DATE(" + day + "), " + digits(remainder + " / 3600", 2) + " || ':' || "
                + digits("MOD(" + remainder + " / 60, 60)", 2) + " || ':' || " + digits("MOD(" + remainder + ", 60)", 2) + ")";
    }

    /**
     * The optimizer's estimate without running the statement: Derby's XPLAIN explain-only mode ({@link DerbyXplain}), inside
     * a savepoint rolled back afterwards, the connection's XPLAIN settings restored.
     */
    @Override
    public List<dev.dbspec.api.CostEstimate> estimate(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        return List.of(DerbyXplain.estimate(connection, sql));
    }

    /**
     * The table's kind ({@code T} table, {@code V} view, {@code S} system, {@code A} synonym) and lock granularity ({@code R}
     * row, {@code T} table) from Derby's catalog.
     */
    static final String EXTRA_SQL = "SELECT CASE T.TABLETYPE WHEN 'T' THEN 'table' WHEN 'V' THEN 'view' WHEN 'S' THEN 'system table'"
            + " WHEN 'A' THEN 'synonym' ELSE T.TABLETYPE END, CASE T.LOCKGRANULARITY WHEN 'R' THEN 'row' WHEN 'T' THEN 'table'"
            + " ELSE T.LOCKGRANULARITY END, T.TABLEID FROM SYS.SYSTABLES T JOIN SYS.SYSSCHEMAS S ON T.SCHEMAID = S.SCHEMAID"
            + " WHERE S.SCHEMANAME = ? AND T.TABLENAME = ?";

    /** {@link #EXTRA_SQL}: {@code kind}, {@code lockGranularity}, {@code tableId}. Derby has no partitions. */
    @Override
    public Map<String, Object> extraTableMetadata(java.sql.Connection connection, dev.dbspec.api.TableName table) throws java.sql.SQLException {
        return dev.dbspec.api.JdbcMetadata.extraFromCatalog(connection, this, table, EXTRA_SQL, List.of("kind", "lockGranularity", "tableId"));
    }

    /**
     * Derby's embedded driver does not implement {@code Statement.cancel} ("Feature not implemented", measured), but its
     * connection can stop the statement running on it ({@link DerbyCancel}). The network client has nothing like it (the
     * Network Server answers "cancel() not supported by the server"): refused as not supported, so no cancel is claimed
     * through a {@code jdbc:derby://} URL.
     */
    @Override
    public void cancel(java.sql.Statement statement) throws java.sql.SQLException {
        DerbyCancel.cancel(statement);
    }

    public DerbyEngineSpec() {
        super(EngineFacts.builder(DerbyEngineSpec.class)
                .options(OPTIONS)
                .columnTypes(COLUMN_TYPES)
                .grains(GRAINS)
                // Derby has no typed literals; casts from text. TIME has whole seconds, there is no zoned type.
                .literals(DatetimeLiterals.casts(6, TemporalType.DATE, TemporalType.TIMESTAMP).with(DatetimeLiterals.casts(0, TemporalType.TIME)))
                // Whole days with TIMESTAMPADD from the epoch, then the time of day as text: TIMESTAMPADD of seconds would go through the JVM's time zone and its DST changes.
                .epochSeconds(epoch("CAST({col} AS BIGINT)"))
                .epochMillis(Optional.of(epochMillis()))
                .errors(ERRORS)
                // No WITH clause at all.
                .withoutCapabilities(Capability.CTE_IN_SUBQUERY)
                .capabilities(Capability.DYNAMIC_SCHEMA)
                .capabilities(Capability.SQL_VALIDATION) // prepareStatement compiles in process
                .capabilities(Capability.EXTRA_TABLE_METADATA) // SYS.SYSTABLES
                .capabilities(Capability.FILE_UPLOAD) // TableUpload, proven live by the kit's UploadChecks
                .capabilities(Capability.COST_ESTIMATION) // XPLAIN explain-only mode: planned, not executed (DerbyXplain)
                .capabilities(Capability.CANCEL) // the embedded connection's cancelRunningStatement (cancel(Statement))
                .maxColumnNameLength(128)
                .limitSyntax(LimitSyntax.FETCH_FIRST)
                // Derby needs a FROM clause; SYSIBM.SYSDUMMY1 has one row.
                .oneRowTable("SYSIBM.SYSDUMMY1")
                .columnType(GenericType.BINARY, "VARCHAR(255) FOR BIT DATA")
                // Derby has no JSON type.
                .withoutStorableTypes(GenericType.JSON)
                // A cross join of the catalog's columns (billions of rows): long enough to prove timeouts and cancels; Derby's
                // scans check the cancel flag as they step, so it stops within 20 ms of cancelRunningStatement (measured).
                .longRunningQuery("SELECT COUNT(*) FROM SYS.SYSCOLUMNS A, SYS.SYSCOLUMNS B, SYS.SYSCOLUMNS C, SYS.SYSCOLUMNS D")
                // Derby's DDL is transactional: an upload creates, loads and marks its table in one transaction; dates and
                // timestamps through setDate/setTimestamp, since Derby's driver predates java.time.
                .transactionalDdl()
                .bulkLoad(BulkLoad.batchedInsert(BulkLoad.DEFAULT_BATCH_SIZE, BulkLoad.Temporal.JDBC))
                .hostAccess(HOST_ACCESS)
                .decimalsAsText()
                .build());
    }
}
