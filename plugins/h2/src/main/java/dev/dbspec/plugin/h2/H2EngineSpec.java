package dev.dbspec.plugin.h2;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.FunctionNames;
import dev.dbspec.api.HostAccess;
import dev.dbspec.api.ReadOnlyMode;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/** H2 2.x, embedded or server. SQL-standard literals; grains from DATE_TRUNC plus DATEADD arithmetic. */
@Extension
public final class H2EngineSpec extends DeclaredEngineSpec {
    private static final String DAY = "DATE_TRUNC('DAY', {col})";

    /** Steps subtract the field modulo the step; weeks are day arithmetic on the ISO day of week (WEEK replaces DATE_TRUNC's). */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "DATE_TRUNC('" + unit.name() + "', " + value + ")")
            .stepped((within, field, step, value) -> "DATEADD(" + field + ", -MOD(" + field + "(" + value + "), " + step + "), DATE_TRUNC('"
                    + field + "', " + value + "))")
            .weekdayWeeks(DAY, "ISO_DAY_OF_WEEK({col})", 1, (day, days) -> "DATEADD(DAY, " + days + ", " + day + ")",
                    TimeGrains.modFunction())
            .build();

    /** H2's SQLSTATEs (see org.h2.api.ErrorCode) before the standard classes. */
    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .sqlState("42001", ErrorCategory.SYNTAX)
            .sqlState("42S02", ErrorCategory.MISSING_TABLE)
            .sqlState("42S04", ErrorCategory.MISSING_TABLE)
            .sqlState("28000", ErrorCategory.BAD_CREDENTIALS)
            .sqlState("90013", ErrorCategory.UNKNOWN_DATABASE)
            .sqlState("90146", ErrorCategory.UNKNOWN_DATABASE)
            // A TCP server names no database by a bare relative name (jdbc:h2:tcp://host/name): it serves none by it.
            .sqlState("90011", ErrorCategory.UNKNOWN_DATABASE)
            .sqlState("90096", ErrorCategory.PERMISSION)
            .sqlState("90097", ErrorCategory.PERMISSION) // the database is read only
            .sqlState("90067", ErrorCategory.UNREACHABLE_HOST)
            .then(ErrorPatterns.standard())
            .build();

    /**
     * Java code and the host's files from SQL: aliases, linked tables, triggers and aggregates by class (with any of
     * OR REPLACE, FORCE, TEMPORARY: the pipeline ignores them after CREATE), scripts, backups, file functions, a
     * database event listener class, and EXECUTE IMMEDIATE, which would run any of them from a string.
     */
    static {
        // H2 instantiates classes named in SQL (CREATE TABLE ... ENGINE "class", serializers, listeners, aliases):
        // with this allow-list it loads only the one its AUTO_SERVER mode needs (the host's own store shares its file
        // with workers; the class does nothing when constructed). H2 reads the list the first time it loads a class.
        if (System.getProperty("h2.allowedClasses") == null) {
            System.setProperty("h2.allowedClasses", "org.h2.server.TcpServer");
        }
    }

    private static final HostAccess HOST_ACCESS = new HostAccess(
            List.of("EXECUTE IMMEDIATE", "CREATE ALIAS", "CREATE TRIGGER", "CREATE AGGREGATE", "CREATE LINKED", "SCRIPT", "RUNSCRIPT", "BACKUP"),
            Set.of("FILE_READ", "FILE_WRITE", "CSVREAD", "CSVWRITE", "LINK_SCHEMA", "DATABASE_EVENT_LISTENER"));


    /**
     * {@code INTEGER ARRAY} (arrays of arrays too) and {@code ROW("A" INTEGER)}: the type names JDBC reports carry the
     * whole shape; a ROW value arrives as a one-row result set.
     */
    @Override
    public Optional<dev.dbspec.api.NestedReader> nestedReader(java.sql.Connection connection, java.sql.ResultSetMetaData metadata)
            throws java.sql.SQLException {
        return Optional.of(dev.dbspec.plugin.family.NestedValues.standardReader(metadata));
    }

    @Override
    public Optional<java.nio.file.Path> localDatabasePath(String jdbcUrl) {
        return dev.dbspec.api.LocalPaths.after(jdbcUrl, "jdbc:h2:", ";", "mem:", "tcp:", "ssl:");
    }

    /**
     * H2 has no read-only transaction and ignores {@code setReadOnly}. A database file is opened with
     * {@code ACCESS_MODE_DATA=r}, so H2 refuses every write when this registration's pool is the one that opens the
     * file (a URL giving another value is refused by H2 as a duplicate property); a database already open in this JVM
     * (another registration, {@code mem:}) and a server ({@code tcp:}) keep only the classifier: connect as an H2
     * user with SELECT rights only.
     */
    @Override
    public ReadOnlyMode readOnlyMode(String jdbcUrl) {
        ReadOnlyMode mode = ReadOnlyMode.CLASSIFIER_ONLY.withRefusedFunctions(Set.of("NEXTVAL", "SETVAL"));
        return localDatabasePath(jdbcUrl).isPresent() ? mode.withConnectionProperties(Map.of("ACCESS_MODE_DATA", "r")) : mode;
    }

    /** What H2's own {@code ConnectionInfo} reads: escapes resolved, names upper-cased as H2 does. */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, java.util.Properties properties) {
        return H2Options.read(id(), jdbcUrl, properties);
    }

    // ---- functions and validation ----

    // ---- extra table metadata ----

    /** H2 2.x's table properties; {@code ?} schema, {@code ?} name. */
    static final String EXTRA_SQL = "SELECT TABLE_TYPE, TABLE_CLASS, STORAGE_TYPE, ROW_COUNT_ESTIMATE, LAST_MODIFICATION,"
            + " IS_INSERTABLE_INTO = 'YES' FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";

    /**
     * {@link #EXTRA_SQL}: {@code tableType}, {@code tableClass} (the engine's table implementation), {@code storageType}
     * ({@code CACHED}, {@code MEMORY}, {@code GLOBAL TEMPORARY}...), {@code rowsEstimate}, {@code lastModification} and
     * {@code insertable}; the schema is the connection's unless given, names exact else upper-cased as H2 stores unquoted
     * ones. H2 has no partitions.
     */
    @Override
    public Map<String, Object> extraTableMetadata(java.sql.Connection connection, dev.dbspec.api.TableName table) throws java.sql.SQLException {
        return dev.dbspec.api.JdbcMetadata.extraFromCatalog(connection, this, table, EXTRA_SQL,
                List.of("tableType", "tableClass", "storageType", "rowsEstimate", "lastModification", "insertable"));
    }

    public H2EngineSpec() {
        super(EngineFacts.builder(H2EngineSpec.class)
                // H2's settings ({@link H2Options}).
                .options(H2Options.OPTIONS)
                // H2's lexical rules: {@code //} comments, nested comments and {@code $$} strings are not code.
                .sqlFamily(SqlFamily.H2)
                .grains(GRAINS)
                .epochSeconds("DATEADD(SECOND, {col}, TIMESTAMP '1970-01-01 00:00:00')")
                .epochMillis(Optional.of("DATEADD(MILLISECOND, {col}, TIMESTAMP '1970-01-01 00:00:00')"))
                .errors(ERRORS)
                .capabilities(Capability.CANCEL)
                .capabilities(Capability.DYNAMIC_SCHEMA) // setSchema, quoted by the driver (tested over REST)
                .capabilities(Capability.SQL_VALIDATION) // prepareStatement parses and plans in process
                .capabilities(Capability.CATALOGS) // the database name qualifies names: CATALOG.SCHEMA.TABLE
                // EXPLAIN (never EXPLAIN ANALYZE, which runs): the chosen plan (indexes, join order), without rows or cost
                .planEstimate("EXPLAIN ", 1, Set.of("SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES", "TABLE"))
                .capabilities(Capability.EXTRA_TABLE_METADATA) // INFORMATION_SCHEMA.TABLES
                .capabilities(Capability.FILE_UPLOAD) // TableUpload, proven live by the kit's UploadChecks
                // ARRAY and ROW read by NestedValues#standardReader, proven live by the kit's ExpandDataChecks (Trino's query runs)
                .capabilities(Capability.EXPAND_DATA)
                // INTEGER ARRAY is an array, not an integer (the defaults match the element's name at the start)
                .columnTypes(dev.dbspec.api.ColumnTypes.builder().map("\\barray(\\[\\d+\\])?$", dev.dbspec.api.GenericType.OTHER)
                        .then(dev.dbspec.api.ColumnTypes.defaults()).build())
                .hostAccess(HOST_ACCESS)
                .longRunningQuery("SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000) A, SYSTEM_RANGE(1, 100000) B WHERE A.X + B.X > 0")
                // User-defined functions; the routines list stored functions only, so the built-ins the driver lists are added.
                .functionNamesSql(FunctionNames.INFORMATION_SCHEMA_FUNCTIONS, false)
                .timestampsAsLocalDateTime()
                .decimalsAsText()
                .build());
    }
}
