package dev.dbspec.api;

import static java.util.Objects.requireNonNull;

import java.sql.Driver;
import java.sql.SQLException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Everything dbspec knows about one database engine: identity, how to connect, how to limit rows, the
 * time grains it can compute, how it writes datetime literals, and which behaviours it has.
 *
 * <p>A connector implements this interface in a PF4J plugin ({@code @Extension}) and writes only what
 * differs from the defaults. Engine facts are data (grain templates, literal formats), so a typical
 * spec is a handful of short methods. Every method must be cheap and side-effect free: the host calls
 * them to list engines without opening connections, and no JDBC driver class may be loaded before
 * {@link #loadDriver()} is called.
 *
 * <p>Implementations must be immutable and thread-safe and have a public no-argument constructor.
 */
public interface EngineSpec extends ExtensionPoint {

    // ---- identity ---------------------------------------------------------------------------

    /** Stable lower-case id, for example {@code postgresql}. Unique across installed plugins. */
    String id();

    /** Human-readable name, for example {@code PostgreSQL}. */
    String displayName();

    /** Other names users may type for this engine, for example {@code postgres}. */
    default Set<String> aliases() {
        return Set.of();
    }

    // ---- connecting -------------------------------------------------------------------------

    /**
     * JDBC URL prefixes this engine serves, for example {@code jdbc:postgresql:}. The host picks the
     * engine whose prefix is the longest match; two engines with the same longest prefix is an error.
     */
    List<String> urlPrefixes();

    /** A URL template for users, for example {@code jdbc:postgresql://{host}:{port}/{database}}. */
    String urlTemplate();

    /** Default TCP port, empty for embedded engines. */
    default OptionalInt defaultPort() {
        return OptionalInt.empty();
    }

    /**
     * The URL template of the engine's network server, for an engine whose {@link #urlTemplate()} is embedded but which
     * also serves remote clients (H2's TCP server, HSQLDB's HSQL server, Derby's Network Server), for example
     * {@code jdbc:h2:tcp://{host}:{port}/{database_path}}: the form an SSH tunnel reads a registered URL with, to replace
     * its {@code {host}} and {@code {port}} (the same rules as {@link ConnectionParameters#fromTemplate}; the connection
     * parameters stay those of {@link #urlTemplate()}). Empty by default: engines whose {@link #urlTemplate()} has a
     * host and a port need none, embedded-only engines have none.
     *
     * @since 1.4.0
     */
    default Optional<String> serverUrlTemplate() {
        return Optional.empty();
    }

    /**
     * The URL handed to the driver for a URL this engine serves. Identity by default; engines that
     * speak another engine's protocol declare a prefix of their own (so URL resolution is never
     * ambiguous) and map it to the driver's, for example {@code jdbc:cockroachdb:} to
     * {@code jdbc:postgresql:}.
     */
    default String driverUrl(String jdbcUrl) {
        return requireNonNull(jdbcUrl, "jdbcUrl is null");
    }

    /** Fully qualified class name of the JDBC driver, loaded from this spec's class loader. */
    String driverClassName();

    /**
     * Loads and instantiates the JDBC driver from this spec's class loader (the plugin's), bypassing
     * {@link java.sql.DriverManager}, which cannot see drivers of other class loaders.
     *
     * @throws SQLException when the driver class is absent or cannot be instantiated
     */
    default Driver loadDriver() throws SQLException {
        String className = driverClassName();
        try {
            Class<?> driverClass = Class.forName(className, true, getClass().getClassLoader());
            return (Driver) driverClass.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new SQLException(id() + ": JDBC driver " + className + " is not installed in this engine's plugin", "08001", e);
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new SQLException(id() + ": cannot instantiate JDBC driver " + className + ": " + e, "08001", e);
        }
    }

    /** The driver's Maven coordinates and licence; empty when unknown. */
    default java.util.Optional<DriverArtifact> driverArtifact() {
        return java.util.Optional.empty();
    }

    /**
     * URL options this engine refuses, by lower-case name, with the reason: options that run code or
     * read or write local files (H2 {@code INIT}, pgjdbc {@code socketFactory}...). Kept for specs
     * written for SPI 1.0 and 1.1; new specs refuse options in {@link #connectionOptions()}, which also
     * refuses every option it does not allow.
     */
    default Map<String, String> forbiddenUrlOptions() {
        return Map.of();
    }

    /**
     * The allow-list of connection options: each option the driver may read, with a rule for its value
     * (boolean, integer range, one of some words, host names, a path inside the files directory, a
     * secret), and the options refused with their reasons. Every option not allowed is refused, whoever
     * asks. By default only {@code user} and {@code password}, with no option in the URL.
     */
    default ConnectionOptions connectionOptions() {
        return ConnectionOptions.none();
    }

    /**
     * The options the driver will read from {@code jdbcUrl} (as registered, before {@link #driverUrl}) and
     * {@code properties}, by the names the driver uses. Specs whose driver has a URL parser call it here,
     * inside the plugin (pgjdbc {@code Driver.parseURL}, Connector/J {@code ConnectionUrl}, H2
     * {@code ConnectionInfo}...), so what is vetted is what the driver will see, escapes and aliases
     * included. By default a strict canonical parser ({@link ConnectionOptions#parseStrictly}) that refuses
     * what it cannot read unambiguously.
     *
     * @throws UnsafeUrlException when the URL cannot be read unambiguously
     */
    default Map<String, String> driverOptions(String jdbcUrl, java.util.Properties properties) {
        return connectionOptions().parseStrictly(id(), jdbcUrl, properties);
    }

    /**
     * Vets a connection before it is registered or opened: every option the driver will read
     * ({@link #driverOptions}) must be allowed by {@link #connectionOptions()} (and not refused by
     * {@link #forbiddenUrlOptions()}), with a value its rule accepts; when {@code filesDirectory} is
     * present, the local database file ({@link #localDatabasePath}) and every path option must resolve,
     * symbolic links included, inside it.
     *
     * @throws UnsafeUrlException naming the refused option or form and the reason (never a value)
     */
    default void vetConnection(String jdbcUrl, java.util.Properties properties, Optional<java.nio.file.Path> filesDirectory) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(properties, "properties is null");
        requireNonNull(filesDirectory, "filesDirectory is null");
        Map<String, String> legacy = new java.util.HashMap<>();
        forbiddenUrlOptions().forEach((name, reason) -> legacy.put(name.toLowerCase(Locale.ROOT), reason));
        connectionOptions().vet(id(), driverOptions(jdbcUrl, properties), legacy, new OptionContext(filesDirectory));
        if (filesDirectory.isPresent()) {
            Optional<java.nio.file.Path> local = localDatabasePath(jdbcUrl);
            if (local.isPresent()) {
                try {
                    LocalPaths.requireInsideWithSiblings(local.get(), filesDirectory.get());
                } catch (IllegalArgumentException e) {
                    throw UnsafeUrlException.url(id(), e.getMessage()
                            + " (the operator may set files.allow-any-path=true to allow any local database file)");
                }
            }
        }
    }

    /**
     * Opens a connection the way the host does: the URL and the properties are vetted
     * ({@link #checkUrl}, {@link #checkConnectionProperties}), the {@link #enforcedConnectionProperties()}
     * override the caller's, and the driver from {@link #loadDriver()} is called with {@link #driverUrl}.
     * Callers that run plugin code set the thread context class loader themselves.
     *
     * @throws UnsafeUrlException when the URL or a property is refused
     * @throws SQLException when the driver is missing, refuses the URL, or the connection fails
     */
    default java.sql.Connection connect(String jdbcUrl, java.util.Properties properties) throws SQLException {
        return connectWith(jdbcUrl, properties, Map.of(), Optional.empty());
    }

    /**
     * {@link #connect(String, java.util.Properties)}, with SQL's access to the host's files confined to
     * {@code fileSandbox} when present: the {@link #fileSandboxProperties} are set last, over everything.
     * An engine without sandbox properties is opened by {@link #connect(String, java.util.Properties)}, so a
     * plugin written for SPI 1.0 that overrides that method keeps its own way of connecting.
     */
    default java.sql.Connection connect(String jdbcUrl, java.util.Properties properties, Optional<java.nio.file.Path> fileSandbox)
            throws SQLException {
        requireNonNull(fileSandbox, "fileSandbox is null");
        Map<String, String> sandbox = fileSandbox.map(this::fileSandboxProperties).orElse(Map.of());
        if (sandbox.isEmpty()) {
            // A 1.0 plugin may override connect(url, properties); the host vetted paths against the sandbox before.
            return connect(jdbcUrl, properties);
        }
        return connectWith(jdbcUrl, properties, sandbox, fileSandbox);
    }

    private java.sql.Connection connectWith(String jdbcUrl, java.util.Properties properties, Map<String, String> sandbox,
                                            Optional<java.nio.file.Path> sandboxDirectory) throws SQLException {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(properties, "properties is null");
        vetConnection(jdbcUrl, properties, sandboxDirectory);
        java.util.Properties effective = new java.util.Properties();
        effective.putAll(properties);
        effective.putAll(enforcedConnectionProperties());
        effective.putAll(sandbox);
        java.sql.Connection connection = loadDriver().connect(driverUrl(jdbcUrl), effective);
        if (connection == null) {
            // Only the scheme: the rest of a URL may carry credentials.
            int scheme = jdbcUrl.indexOf(':', "jdbc:".length());
            throw new SQLException(id() + ": driver " + driverClassName() + " does not accept URL "
                    + (scheme < 0 ? "jdbc:" : jdbcUrl.substring(0, scheme + 1)) + "...", "08001");
        }
        return connection;
    }

    /**
     * The local file or folder a URL opens, for engines that keep databases in local files (SQLite,
     * DuckDB, H2, HSQLDB, Derby); empty for in-memory and remote databases. The host refuses to register
     * a database whose file lies outside its allowed directory, so users cannot read or overwrite
     * arbitrary files through a database URL.
     */
    default Optional<java.nio.file.Path> localDatabasePath(String jdbcUrl) {
        return Optional.empty();
    }

    /**
     * Connection properties the host always sets, overriding the user's, to switch off driver features
     * that read local files or run code (for example MariaDB's {@code allowLocalInfile=false}).
     */
    default Map<String, String> enforcedConnectionProperties() {
        return Map.of();
    }

    /**
     * Connection properties that confine what SQL can read or write on the host's file system to
     * {@code directory}, for engines running inside the host's JVM whose SQL reads files
     * ({@code read_csv('/etc/passwd')} in DuckDB). The host sets them when database files are confined to
     * a directory (the server's {@code files.dir}); list their names in {@link #forbiddenUrlOptions()} so
     * a URL cannot undo them. Empty (the default) when the engine has no such switch.
     */
    default Map<String, String> fileSandboxProperties(java.nio.file.Path directory) {
        return Map.of();
    }

    /**
     * Statements and functions of this engine's SQL that read or write the host's files or run code in
     * the host ({@link HostAccess}); the host refuses them while database files are confined to a
     * directory. Engines that run in their own server have none (the default).
     */
    default HostAccess hostAccess() {
        return HostAccess.NONE;
    }

    /**
     * Vets a URL alone, without properties and without a files directory: {@link #vetConnection} with
     * no properties and no confinement of local paths.
     *
     * @throws UnsafeUrlException naming the option or form and the reason
     */
    default void checkUrl(String jdbcUrl) {
        vetConnection(jdbcUrl, new java.util.Properties(), Optional.empty());
    }

    /**
     * Refuses connection property names that are not allowed by {@link #connectionOptions()} or are
     * refused by {@link #forbiddenUrlOptions()}, compared case-insensitively. Names only: values are
     * vetted by {@link #vetConnection}.
     *
     * @throws UnsafeUrlException naming the option and the reason
     */
    default void checkConnectionProperties(java.util.Collection<String> names) {
        requireNonNull(names, "names is null");
        Map<String, String> forbidden = forbiddenUrlOptions();
        ConnectionOptions options = connectionOptions();
        for (String option : names) {
            String lower = option.toLowerCase(Locale.ROOT);
            String reason = options.refusal(option).orElse(forbidden.get(lower));
            if (reason != null) {
                throw new UnsafeUrlException(id(), option, reason);
            }
            if (options.allowed(option).isEmpty()) {
                throw new UnsafeUrlException(id(), option, "it is not on this engine's allow-list of connection options");
            }
        }
    }

    // ---- connection parameters -----------------------------------------------------------------

    /**
     * The parameters a user may give instead of a URL ({@link ConnectionParameters}: host, port, database, user name,
     * password, the extra options of {@link #connectionOptions()}), when {@link Capability#CONNECTION_PARAMETERS} is
     * claimed; empty otherwise. By default read from {@link #urlTemplate()} and {@link #defaultPort()}
     * ({@link ConnectionParameters#fromTemplate}); a spec whose template cannot be read both ways removes the capability
     * or overrides this.
     */
    default Optional<ConnectionParameters> connectionParameters() {
        if (!has(Capability.CONNECTION_PARAMETERS)) {
            return Optional.empty();
        }
        return ConnectionParameters.fromTemplate(id(), displayName(), urlTemplate(), defaultPort(), connectionOptions());
    }

    /** {@link #connectionParameters()} as a JSON Schema (draft 2020-12) document; empty without parameters. */
    default Optional<String> connectionParametersSchema() {
        return connectionParameters().map(ConnectionParameters::jsonSchemaText);
    }

    /**
     * Why each refused field of {@code parameters} is refused ({@link ConnectionParameters#validate}), empty when they
     * are valid; a spec without parameters refuses the field {@code parameters}.
     */
    default Map<String, String> validateParameters(Map<String, ?> parameters) {
        requireNonNull(parameters, "parameters is null");
        return connectionParameters().map(schema -> schema.validate(parameters))
                .orElse(Map.of("parameters", id() + " takes no connection parameters; give a JDBC URL"));
    }

    /**
     * The URL and driver properties for {@code parameters} ({@link ConnectionParameters#build}: the user, the password
     * and the options as properties, never in the URL text), vetted by {@link #vetConnection} without a files
     * directory (the host vets again with its own).
     *
     * @throws InvalidParametersException naming each refused field; a refusal of the vetting is reported on the field
     *                                    of the option it names ({@code options.name}, {@code username}, {@code password}),
     *                                    or {@code url} for the URL as a whole
     */
    default ConnectionUrl buildUrl(Map<String, ?> parameters) {
        requireNonNull(parameters, "parameters is null");
        ConnectionParameters schema = connectionParameters().orElseThrow(() ->
                new InvalidParametersException(id(), Map.of("parameters", id() + " takes no connection parameters; give a JDBC URL")));
        ConnectionUrl built = schema.build(parameters);
        try {
            vetConnection(built.url(), built.toProperties(), Optional.empty());
        } catch (UnsafeUrlException e) {
            String option = e.option().toLowerCase(Locale.ROOT);
            String field = option.isEmpty() ? "url" : option.equals("user") ? ConnectionParameters.USERNAME
                    : option.equals("password") ? ConnectionParameters.PASSWORD : ConnectionParameters.OPTIONS + "." + e.option();
            throw new InvalidParametersException(id(), Map.of(field, e.getMessage()));
        }
        return built;
    }

    /**
     * The parameters of a registered URL and its properties ({@link ConnectionParameters#parse}, Superset's
     * {@code get_parameters_from_uri}), so {@code parametersFromUrl(buildUrl(p))} gives {@code p} back in canonical form;
     * empty when the spec has no parameters or the URL does not follow its template.
     */
    default Optional<Map<String, Object>> parametersFromUrl(String jdbcUrl, java.util.Properties properties) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(properties, "properties is null");
        return connectionParameters().flatMap(schema -> schema.parse(jdbcUrl, properties));
    }

    // ---- read-only registrations --------------------------------------------------------------

    /**
     * How the engine itself keeps the requests of a read-only registration of {@code jdbcUrl} from changing anything
     * ({@link ReadOnlyMode}: properties that open the database read-only, {@code Connection.setReadOnly}, statements
     * that start a read-only transaction, functions refused). The host always rolls such a request back and refuses
     * transaction control in it. {@link ReadOnlyMode#JDBC_READ_ONLY} by default.
     */
    default ReadOnlyMode readOnlyMode(String jdbcUrl) {
        return ReadOnlyMode.JDBC_READ_ONLY;
    }

    /**
     * Opens a connection for a read-only registration: {@link #connect(String, java.util.Properties, Optional)} with
     * the {@link ReadOnlyMode#connectionProperties()} of {@link #readOnlyMode(String)} set last, over the caller's,
     * the enforced and the sandbox properties (they are never vetted as the caller's options are).
     *
     * @throws UnsafeUrlException when the URL or a property is refused
     * @throws SQLException when the driver is missing, refuses the URL, or the connection fails
     */
    default java.sql.Connection connectReadOnly(String jdbcUrl, java.util.Properties properties, Optional<java.nio.file.Path> fileSandbox)
            throws SQLException {
        requireNonNull(fileSandbox, "fileSandbox is null");
        Map<String, String> readOnly = readOnlyMode(requireNonNull(jdbcUrl, "jdbcUrl is null")).connectionProperties();
        if (readOnly.isEmpty()) {
            return connect(jdbcUrl, properties, fileSandbox);
        }
        Map<String, String> overrides = new java.util.HashMap<>(fileSandbox.map(this::fileSandboxProperties).orElse(Map.of()));
        overrides.putAll(readOnly);
        return connectWith(jdbcUrl, properties, overrides, fileSandbox);
    }

    // ---- limiting rows ----------------------------------------------------------------------

    /** How the host caps returned rows. */
    default LimitMethod limitMethod() {
        return LimitMethod.FORCE_LIMIT;
    }

    /** The limit syntax family the engine understands. */
    default LimitSyntax limitSyntax() {
        return LimitSyntax.LIMIT;
    }

    /**
     * The limit syntax for a given server version ({@code DatabaseMetaData.getDatabaseProductVersion()}),
     * for engines whose syntax changed between versions (Oracle before 12c uses {@code ROWNUM}).
     */
    default LimitSyntax limitSyntax(String databaseVersion) {
        return limitSyntax();
    }

    /**
     * A SELECT of {@code expressions} without a table, for example {@code SELECT 1}. Engines that need
     * a FROM clause name a one-row table (Oracle {@code DUAL}, Derby and Db2 {@code SYSIBM.SYSDUMMY1}).
     */
    default String selectExpressionSql(String expressions) {
        return "SELECT " + requireNonNull(expressions, "expressions is null");
    }

    /** The SQL grammar family, which selects the parser configuration. */
    default SqlFamily sqlFamily() {
        return SqlFamily.ANSI;
    }

    // ---- time grains ------------------------------------------------------------------------

    /**
     * SQL templates per supported grain; {@code {col}} marks the column expression. A grain absent from
     * the map is not supported. Each template must compute exactly {@link TimeGrain#truncate}.
     */
    Map<TimeGrain, String> timeGrainExpressions();

    /** The template for {@code grain}, or empty when unsupported. */
    default Optional<String> timeGrainExpression(TimeGrain grain) {
        return Optional.ofNullable(timeGrainExpressions().get(requireNonNull(grain, "grain is null")));
    }

    /**
     * The grain applied to {@code columnSql} (already quoted as needed).
     *
     * @throws IllegalArgumentException when the grain is unsupported
     */
    default String timeGrainSql(TimeGrain grain, String columnSql) {
        requireNonNull(columnSql, "columnSql is null");
        String template = timeGrainExpression(grain).orElseThrow(() ->
                new IllegalArgumentException(id() + " does not support time grain " + grain.iso()));
        return template.replace("{col}", columnSql);
    }

    // ---- datetime literals and epochs ---------------------------------------------------------

    /** Literal formats per temporal type; SQL-standard typed literals by default. */
    default DatetimeLiterals datetimeLiterals() {
        return DatetimeLiterals.ansi();
    }

    /** {@code value} as a literal of {@code type}, or empty when the engine has no such literal. */
    default Optional<String> datetimeLiteral(TemporalType type, TemporalAccessor value) {
        return datetimeLiterals().render(type, value);
    }

    /**
     * {@code value} as a literal for a column of native type {@code nativeTypeName} (as the database
     * names it, any case), or empty for a non-temporal or unknown type; see
     * {@link DatetimeLiterals#renderForNativeType}.
     */
    default Optional<String> datetimeLiteral(String nativeTypeName, TemporalAccessor value) {
        return datetimeLiterals().renderForNativeType(nativeTypeName, value, columnTypes());
    }

    /** Template turning epoch seconds in {@code {col}} into a timestamp (UTC), or empty. */
    default Optional<String> epochSecondsToDatetime() {
        return Optional.empty();
    }

    /**
     * Template turning epoch milliseconds in {@code {col}} into a timestamp (UTC), keeping the
     * milliseconds. By default the seconds template over {@code ({col} / 1000.0)}.
     */
    default Optional<String> epochMillisToDatetime() {
        return epochSecondsToDatetime().map(template -> template.replace("{col}", "({col} / 1000.0)"));
    }

    // ---- types, errors, cancellation ---------------------------------------------------------

    /** Native column type names mapped to generic types; {@link ColumnTypes#defaults()} unless overridden. */
    default ColumnTypes columnTypes() {
        return ColumnTypes.defaults();
    }

    /** The generic type of a native type name as the driver reports it. */
    default GenericType genericType(String nativeTypeName) {
        return columnTypes().resolve(nativeTypeName);
    }

    /**
     * The column type to declare in {@code CREATE TABLE} for values of {@code type}; reading such a
     * column back must map to {@code type} again through {@link #genericType(String)} (the conformance
     * kit and {@code dbspec test-db} check it). SQL-standard names by default.
     */
    default String columnTypeFor(GenericType type) {
        return switch (requireNonNull(type, "type is null")) {
            case STRING, OTHER -> "VARCHAR(255)";
            case INTEGER -> "INTEGER";
            case DECIMAL -> "DECIMAL(18,4)";
            case FLOAT -> "DOUBLE PRECISION";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case BINARY -> "VARBINARY(255)";
            case JSON -> "JSON";
        };
    }

    /**
     * The generic types this engine can store in a column declared with {@link #columnTypeFor}; the
     * others are not checked. All but {@link GenericType#OTHER} by default.
     */
    default Set<GenericType> storableTypes() {
        java.util.EnumSet<GenericType> types = java.util.EnumSet.allOf(GenericType.class);
        types.remove(GenericType.OTHER);
        return types;
    }

    // ---- file upload (Capability.FILE_UPLOAD) -------------------------------------------------

    /**
     * How rows are written in bulk for a CSV upload ({@link TableUpload}): {@link BulkLoad#batchedInsert} with
     * {@link BulkLoad#DEFAULT_BATCH_SIZE} rows per batch and java.time values by default.
     */
    default BulkLoad bulkLoad() {
        return BulkLoad.batchedInsert(BulkLoad.DEFAULT_BATCH_SIZE, BulkLoad.Temporal.JAVA_TIME);
    }

    /**
     * Whether {@code CREATE TABLE} and {@code DROP TABLE} take part in the transaction (rolled back with it) rather
     * than commit it: then an upload runs in one transaction, otherwise through a staging table ({@link TableUpload}).
     * False by default.
     */
    default boolean transactionalDdl() {
        return false;
    }

    /**
     * Whether {@code CREATE TABLE} and {@code DROP TABLE} take part in the transaction (rolled back with it) but take effect
     * only when it commits, so a table created in a transaction cannot be written in it (Firebird: "Table unknown" until
     * the commit). Meaningful when {@link #transactionalDdl()} is false: an upload then goes through a staging table without
     * renaming it (Firebird 3 cannot rename a table); the target is created (replace: dropped and created) in the transaction
     * that writes the marker row, then filled from the stage, which is dropped, in one more transaction ({@link TableUpload}).
     * False by default.
     *
     * @since 1.6.0
     */
    default boolean ddlAtCommit() {
        return false;
    }

    /**
     * Whether this engine's driver answers {@code getObject(column, LocalDateTime.class)} on a {@code TIMESTAMP} (without
     * time zone) column with the value as the database holds it, so the host reads result timestamps that way instead of
     * through {@link java.sql.Timestamp}: no {@code Calendar} per value, and a wall-clock time inside a daylight-saving gap
     * of the host's time zone is not moved by an hour. Claim it only for a driver checked to do so: some convert to a
     * session or server zone there and to the JVM's zone for a {@code Timestamp} (MySQL Connector/J with
     * {@code connectionTimeZone}, the legacy ClickHouse driver), or parse text values differently (SQLite's xerial driver).
     * False by default (values read with {@code getObject}, as before 1.7.0).
     *
     * @since 1.7.0
     */
    default boolean timestampsAsLocalDateTime() {
        return false;
    }

    /**
     * Whether this engine's driver answers {@code getString} on a {@code NUMERIC} or {@code DECIMAL} column with the exact
     * decimal value (every digit and the scale), so the host writes that text as the JSON number when it is one, instead of
     * parsing a {@link java.math.BigDecimal} and printing it again. Claim it only for a driver checked to do so: SQLite's
     * declares a column {@code DECIMAL} and renders the floating-point value it holds with 15 significant digits. False by
     * default.
     *
     * @since 1.7.0
     */
    default boolean decimalsAsText() {
        return false;
    }

    /**
     * Whether {@code CREATE TABLE} takes a {@code PRIMARY KEY} constraint that the metadata then reports
     * ({@link TableDetail#primaryKey()}). True by default; false on engines without key constraints (Trino and Drill
     * refuse the clause), whose tables always report an empty primary key.
     */
    default boolean primaryKeys() {
        return true;
    }

    /**
     * The statement that creates a scratch table the conformance kit (and {@code dbspec test-db}) makes for one check and
     * drops after it: {@code table} as written (quoted or not), {@code columns} its column definitions, comma-separated.
     * {@code CREATE TABLE table (columns)} by default; an engine whose {@code CREATE TABLE} needs more says so here
     * (ClickHouse's table engine: {@code ENGINE = Memory}). Uploads build their own statement ({@link TableUpload}).
     *
     * @since 1.5.0
     */
    default String scratchTableSql(String table, String columns) {
        requireNonNull(table, "table is null");
        requireNonNull(columns, "columns is null");
        return "CREATE TABLE " + table + " (" + columns + ")";
    }

    /**
     * Whether a column of {@link #columnTypeFor columnTypeFor(TIMESTAMP)} can hold {@code value} (to the second): true by
     * default. False outside the range of an engine whose timestamps cannot reach every date, such as ClickHouse's
     * {@code DateTime} (1970 to 2106): the kit checks the grains over the fixture values the engine can store and says how
     * many it left out.
     *
     * @since 1.5.0
     */
    default boolean storesTimestamp(java.time.LocalDateTime value) {
        requireNonNull(value, "value is null");
        return true;
    }

    /**
     * The column type an upload declares for values of {@code type}: {@code BIGINT} for integers (uploaded integers
     * are 64-bit), {@code VARCHAR(32672)} for strings (the longest Derby and HSQLDB allow without a LOB), otherwise
     * {@link #columnTypeFor}.
     */
    default String uploadColumnType(GenericType type) {
        return switch (requireNonNull(type, "type is null")) {
            case INTEGER -> "BIGINT";
            case STRING, OTHER -> "VARCHAR(32672)";
            default -> columnTypeFor(type);
        };
    }

    /**
     * The query that reads the columns of a table without its rows, which {@link TableUpload#existingColumns} runs (an
     * error means no such table): {@code SELECT * FROM <tableSql> WHERE 1 = 0} by default. An engine that answers that text
     * from a cached plan after the table was dropped says otherwise (QuestDB 9.3.4 keeps the plan of a constant-false
     * filter, which never opens the table, and answers with the dropped table's columns: {@code LIMIT 0} opens it).
     *
     * @param tableSql the table, quoted and qualified ({@link TableUpload#tableSql})
     * @since 1.6.0
     */
    default String columnsProbeSql(String tableSql) {
        return "SELECT * FROM " + requireNonNull(tableSql, "tableSql is null") + " WHERE 1 = 0";
    }

    /**
     * The statement renaming table {@code from} to {@code to} in the same schema, for an upload through a staging
     * table: {@code ALTER TABLE <from> RENAME TO <to's name>} by default.
     */
    default String renameTableSql(TableName from, TableName to) {
        return "ALTER TABLE " + TableUpload.tableSql(this, from) + " RENAME TO " + identifierQuoting().quote(to.name());
    }

    /** Error rules; {@link ErrorPatterns#standard()} unless overridden. */
    default ErrorPatterns errorPatterns() {
        return ErrorPatterns.standard();
    }

    /** The category of an error raised by this engine's driver. */
    default ErrorCategory classifyError(SQLException error) {
        return errorPatterns().classify(error);
    }

    /**
     * How a running statement is stopped: {@link CancelMethod#JDBC_CANCEL} when
     * {@link Capability#CANCEL} is claimed, else {@link CancelMethod#NONE}.
     */
    default CancelMethod cancelMethod() {
        return has(Capability.CANCEL) ? CancelMethod.JDBC_CANCEL : CancelMethod.NONE;
    }

    /**
     * Stops the statement running on {@code statement}, for {@link CancelMethod#JDBC_CANCEL}; called from another thread
     * than the one running it (by the host's cancel and its deadline, and by the conformance kit).
     * {@link java.sql.Statement#cancel()} by default. An engine whose driver stops statements another way overrides it
     * (Derby's embedded driver does not implement {@code Statement.cancel} but its connection's
     * {@code cancelRunningStatement()} stops the statement): {@code statement} may be a pool's proxy, so overrides unwrap
     * through {@code statement.getConnection()}.
     *
     * @throws java.sql.SQLFeatureNotSupportedException when this connection's form cannot cancel (Derby's network client):
     *                                                  the host reports the query as not cancelled, the kit the check as
     *                                                  not checkable on that URL, never as passed
     * @throws SQLException the driver's error
     * @since 1.6.0
     */
    default void cancel(java.sql.Statement statement) throws SQLException {
        requireNonNull(statement, "statement is null").cancel();
    }

    /**
     * A query that keeps the engine busy for many seconds (for example {@code SELECT pg_sleep(60)}),
     * used to prove that cancellation works; required when {@link Capability#CANCEL} is claimed.
     */
    default Optional<String> longRunningQuery() {
        return Optional.empty();
    }

    /** For {@link CancelMethod#KILL_STATEMENT}: SQL returning the current session's id. */
    default Optional<String> sessionIdSql() {
        return Optional.empty();
    }

    /** For {@link CancelMethod#KILL_STATEMENT}: SQL stopping session {@code {id}}'s statement. */
    default Optional<String> killStatementSql() {
        return Optional.empty();
    }

    // ---- behaviour --------------------------------------------------------------------------

    /** The behaviours this engine has; {@link Capability#defaults()} unless overridden. */
    default Set<Capability> capabilities() {
        return Capability.defaults();
    }

    /** Whether {@code capability} is in {@link #capabilities()}. */
    default boolean has(Capability capability) {
        return capabilities().contains(requireNonNull(capability, "capability is null"));
    }

    /** Identifier quoting and case rules. */
    default IdentifierQuoting identifierQuoting() {
        return IdentifierQuoting.ANSI;
    }

    /** Longest column name or alias the engine accepts, empty when unbounded. */
    default OptionalInt maxColumnNameLength() {
        return OptionalInt.empty();
    }

    // ---- metadata -----------------------------------------------------------------------------
    // Read through the connection's DatabaseMetaData by default (JdbcMetadata); engines override what
    // their driver reports differently. The host caches the answers.

    /** The catalogs (databases, on MySQL and MariaDB) the connection sees, sorted. */
    default List<String> catalogs(java.sql.Connection connection) throws SQLException {
        return JdbcMetadata.catalogs(connection);
    }

    /**
     * The schemas of {@code catalog} (empty: the connection's), sorted; empty on engines without schemas
     * (SQLite, and MySQL and MariaDB whose databases are catalogs).
     */
    default List<String> schemas(java.sql.Connection connection, Optional<String> catalog) throws SQLException {
        return JdbcMetadata.schemas(connection, catalog.orElse(null));
    }

    /**
     * The tables and views of {@code schema} in {@code catalog}, sorted by name. On engines without schemas
     * but with catalogs, a schema without a catalog names the catalog ({@link JdbcMetadata#namespace}).
     */
    default List<TableInfo> tables(java.sql.Connection connection, Optional<String> catalog, Optional<String> schema) throws SQLException {
        return JdbcMetadata.tables(connection, catalog.orElse(null), schema.orElse(null));
    }

    /**
     * Columns (native and generic type), primary key, indexes and comment of a table or view; empty when there is
     * none. Names match exactly, else as this engine stores them unquoted ({@link #identifierQuoting()}); the
     * answer names the table as stored.
     */
    default Optional<TableDetail> tableDetail(java.sql.Connection connection, TableName table) throws SQLException {
        return JdbcMetadata.tableDetail(connection, table, this);
    }

    /**
     * A {@code SELECT} of {@code columns} (all when empty) of {@code table} in this engine's quoting. The
     * host limits it to {@code limit} rows through the SQL pipeline ({@link #limitMethod()}); an engine whose
     * statement must carry the limit itself (a sampling clause) may use it, the default does not.
     */
    default String selectStar(TableName table, List<String> columns, long limit) {
        return JdbcMetadata.selectStar(identifierQuoting(), table, columns);
    }

    /**
     * The metrics a new dataset over {@code table} gets by default ({@code get_metrics},
     * {@link Capability#DEFAULT_METRICS}): {@link Metric#COUNT} by default; engines add their own (approximate
     * distinct counts, for example). Each expression must run as {@code SELECT <expression> FROM <table>}.
     */
    default List<Metric> defaultMetrics(TableDetail table) {
        requireNonNull(table, "table is null");
        return List.of(Metric.COUNT);
    }

    // ---- functions and validation ----

    /**
     * SQL returning one column of the names of the functions a user may call, read from the engine's catalog
     * ({@code pg_proc}, {@code information_schema.routines}, {@code duckdb_functions()}...), for autocompletion.
     * Empty (the default) when the engine has none: {@link #functionNames(java.sql.Connection)} then asks the driver.
     */
    default Optional<String> functionNamesSql() {
        return Optional.empty();
    }

    /**
     * Whether the rows of {@link #functionNamesSql()} include the engine's built-in functions (PostgreSQL's
     * {@code pg_proc}, {@code duckdb_functions()} do); when not ({@code information_schema.routines} lists only
     * stored functions), {@link #functionNames(java.sql.Connection)} adds the built-ins the driver lists. True by default.
     */
    default boolean functionNamesSqlListsBuiltins() {
        return true;
    }

    /**
     * The names of the functions a user may call on {@code connection}, distinct, in any order: the rows of
     * {@link #functionNamesSql()} when present (with the driver's built-ins unless
     * {@link #functionNamesSqlListsBuiltins()}), else {@link java.sql.DatabaseMetaData#getFunctions} and the built-ins
     * the driver lists ({@link FunctionNames}). Reads only; the host calls it with the plugin's class loader.
     *
     * @throws SQLException when the engine cannot list them
     */
    default java.util.Collection<String> functionNames(java.sql.Connection connection) throws SQLException {
        requireNonNull(connection, "connection is null");
        Optional<String> sql = functionNamesSql();
        if (sql.isPresent() && functionNamesSqlListsBuiltins()) {
            return FunctionNames.query(connection, sql.get());
        }
        java.util.Set<String> names = new java.util.TreeSet<>(sql.isPresent()
                ? FunctionNames.query(connection, sql.get()) : FunctionNames.jdbcFunctions(connection));
        names.addAll(FunctionNames.jdbcBuiltins(connection));
        return names;
    }

    /**
     * Parses and plans {@code sql} on {@code connection} without running it ({@code sql_validation}): a valid result,
     * or the engine's errors with line and column in {@code sql} (1:1 when the engine gives no position). It must never
     * execute the statement: engines use what they allow without running ({@code PREPARE}, {@code EXPLAIN} without
     * {@code ANALYZE}, {@code prepareStatement}). The host calls it inside a transaction it always rolls back.
     *
     * <p>By default {@link java.sql.Connection#prepareStatement(String)}, which engines running in-process (H2, HSQLDB,
     * Derby, SQLite, DuckDB) parse and plan at once; drivers that prepare lazily (pgjdbc, Connector/J) must override.
     *
     * @throws SQLException when the connection fails (SQLState class {@code 08}), not when the statement is invalid
     */
    default SqlValidation validate(java.sql.Connection connection, String sql) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(sql, "sql is null");
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            return SqlValidation.ok();
        } catch (SQLException e) {
            if (SqlValidation.isConnectionFailure(e)) {
                throw e;
            }
            return SqlValidation.invalid(1, 1, String.valueOf(e.getMessage()));
        }
    }

    // ---- cost estimation ----

    /**
     * The planner's estimate for {@code sql} on {@code connection}, one {@link CostEstimate} per statement, from the
     * engine's {@code EXPLAIN} ({@code query_cost_estimation}). Like {@link #validate} it must never run the statement
     * (no {@code EXPLAIN ANALYZE}); the host calls it inside a transaction it always rolls back.
     *
     * <p>Empty (the default) means the engine does not estimate.
     *
     * @throws SQLException when the engine cannot plan the statement or refuses to estimate it
     */
    default java.util.List<CostEstimate> estimate(java.sql.Connection connection, String sql) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(sql, "sql is null");
        return java.util.List.of();
    }

    // ---- partitions and extra table metadata ----

    /**
     * How {@code table} is partitioned: the method, the key and every partition with its bound ({@link TablePartitions}).
     * Reads the catalog only, never the table's rows. Empty (the default) when the table is not partitioned, does not
     * exist, or the engine has no partitions; an engine that implements it claims {@link Capability#EXTRA_TABLE_METADATA}
     * and reports the partitioning in {@link #extraTableMetadata} too.
     *
     * <p>What the bundled engines run: PostgreSQL {@code SELECT pt.partstrat, pg_catalog.pg_get_partkeydef(pt.partrelid) FROM
     * pg_catalog.pg_partitioned_table pt WHERE pt.partrelid = ?}, the key parts' types from {@code pg_attribute}, and the tree from
     * {@code pg_catalog.pg_partition_tree(?::oid::regclass)} with {@code pg_catalog.pg_get_expr(c.relpartbound, c.oid)} as the bound;
     * MySQL and MariaDB {@code SELECT PARTITION_NAME, SUBPARTITION_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, PARTITION_DESCRIPTION,
     * TABLE_ROWS FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?}; Hive {@code SHOW PARTITIONS `schema`.`table`};
     * Presto and Trino {@code SELECT * FROM "schema"."table$partitions"}; BigQuery {@code SELECT partition_id, total_rows FROM
     * `project`.`dataset`.INFORMATION_SCHEMA.PARTITIONS WHERE table_name = ? ORDER BY partition_id}.
     *
     * @throws SQLException when the engine cannot read its catalog
     */
    default Optional<TablePartitions> partitions(java.sql.Connection connection, TableName table) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(table, "table is null");
        return Optional.empty();
    }

    /**
     * The latest partition of {@code table} and a predicate selecting exactly its rows ({@link Capability#LATEST_PARTITION},
     * Superset's {@code where_latest_partition}). "Latest" is, for RANGE partitioning, the partition with the greatest
     * bound that holds at least one row; for LIST partitioning, the partition whose greatest listed value is the greatest
     * among those holding at least one row; for engines partitioning by value, the greatest partition value. A default
     * partition (rows no bound takes) is never the latest, and HASH and KEY partitioning have none. Whether a partition
     * holds rows is asked with a one-row read of that partition ({@code SELECT 1 ... LIMIT 1}), never a write nor a count.
     * Empty (the default) when there is none or the engine does not implement it.
     *
     * <p>The bundled engines ask {@code SELECT 1 FROM "schema"."partition" LIMIT 1} (PostgreSQL) and
     * {@code SELECT 1 FROM `db`.`table` PARTITION (`p`) LIMIT 1} (MySQL, MariaDB) from the greatest bound down; Hive takes the
     * greatest row of {@code SHOW PARTITIONS}, Presto and Trino {@code SELECT * FROM "schema"."table$partitions" ORDER BY "k1" DESC,
     * ... LIMIT 1}, BigQuery the greatest {@code partition_id} with {@code total_rows > 0}.
     *
     * @throws SQLException when the engine cannot read its catalog or the partition
     */
    default Optional<LatestPartition> latestPartition(java.sql.Connection connection, TableName table) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(table, "table is null");
        return Optional.empty();
    }

    /**
     * Table metadata beyond columns, keys and indexes ({@link Capability#EXTRA_TABLE_METADATA}, Superset's
     * {@code get_extra_table_metadata}): storage engine, sizes, row estimates, options, partitioning. Keys are camelCase,
     * values are JSON-friendly (String, Number, Boolean, null, List and Map of them). Reads the catalog only. Empty (the
     * default) when the engine reports nothing or there is no such table.
     *
     * @throws SQLException when the engine cannot read its catalog
     */
    default Map<String, Object> extraTableMetadata(java.sql.Connection connection, TableName table) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(table, "table is null");
        return Map.of();
    }

    // ---- dynamic schema and catalog ----

    /**
     * Makes {@code catalog} and {@code schema} the ones unqualified names in the next statements on {@code connection}
     * resolve in ({@link Capability#DYNAMIC_CATALOG}, {@link Capability#DYNAMIC_SCHEMA}); an empty one is left as is.
     * The host calls it right after taking a pooled connection and closes that connection after the request
     * (never returns it to the pool changed).
     *
     * <p>By default {@link java.sql.Connection#setCatalog} and {@link java.sql.Connection#setSchema}, which the driver
     * quotes, then checks the driver's connection reports them: drivers that silently ignore either (pgjdbc's setCatalog,
     * MariaDB's setSchema) fail closed. Overrides quote names with {@link #identifierQuoting()}, never raw.
     *
     * @throws SQLException SQLState {@code 3D000} for a catalog and {@code 3F000} for a schema this connection
     *                      cannot use, or the driver's error
     */
    default void useCatalogAndSchema(java.sql.Connection connection, Optional<String> catalog, Optional<String> schema) throws SQLException {
        requireNonNull(connection, "connection is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(schema, "schema is null");
        // Read back from the driver's own connection: a pool's proxy (HikariCP) answers what was set, not what the driver did.
        java.sql.Connection driver = connection.isWrapperFor(java.sql.Connection.class) ? connection.unwrap(java.sql.Connection.class) : connection;
        if (catalog.isPresent()) {
            connection.setCatalog(catalog.get());
            if (!catalog.get().equals(driver.getCatalog())) {
                throw new SQLException(id() + " cannot switch this connection to catalog " + identifierQuoting().quote(catalog.get())
                        + " (unknown, or the engine needs another connection for it)", "3D000");
            }
        }
        if (schema.isPresent()) {
            connection.setSchema(schema.get());
            if (!schema.get().equals(driver.getSchema())) {
                throw new SQLException(id() + " cannot switch this connection to schema " + identifierQuoting().quote(schema.get())
                        + " (unknown, or the engine has no schemas)", "3F000");
            }
        }
    }

    /**
     * The URL of {@code catalog} on the server {@code jdbcUrl} names, for engines whose connections cannot switch catalogs
     * but a new connection can name another (PostgreSQL databases): the host then runs the request on a connection of its
     * own to that URL, vetted like any, with the registration's credentials, and closes it afterwards. Empty (the default):
     * catalogs switch in place ({@link #useCatalogAndSchema}) or not at all.
     *
     * @throws UnsafeUrlException when {@code catalog} cannot be carried safely in the URL
     */
    default Optional<String> catalogUrl(String jdbcUrl, String catalog) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(catalog, "catalog is null");
        return Optional.empty();
    }

    // ---- user impersonation ----

    /**
     * How this engine runs a request as another user ({@link Capability#USER_IMPERSONATION}); {@link Impersonation#NONE}
     * by default. A spec that returns another kind claims the capability.
     */
    default Impersonation impersonation() {
        return Impersonation.NONE;
    }

    /**
     * Makes the rest of the current transaction on {@code connection} (autocommit off) run as {@code user}, for
     * {@link Impersonation.Kind#SESSION_ROLE}: each of {@link Impersonation#assumeStatements()} with {@code {name}} replaced
     * by {@code user} quoted with {@link #identifierQuoting()} (PostgreSQL {@code SET LOCAL ROLE "user"}), then, when the
     * engine has {@link Impersonation#currentUserSql()}, a check that it answers {@code user}. Fails closed: any failure
     * (unknown role, a role the login user cannot assume, a check that answers another user) is thrown, and the caller must
     * not run the request.
     *
     * @throws SQLException SQLState {@code 0A000} when the engine has no session roles, {@code 28000} for a name it cannot
     *                      hold or a check that does not answer {@code user}, else the engine's error
     */
    default void impersonate(java.sql.Connection connection, String user) throws SQLException {
        requireNonNull(connection, "connection is null");
        Impersonation impersonation = impersonation();
        if (impersonation.kind() != Impersonation.Kind.SESSION_ROLE) {
            throw new java.sql.SQLFeatureNotSupportedException(id() + " does not switch the user of an open connection", "0A000");
        }
        String quoted = identifierQuoting().quote(impersonation.checkName(id(), user));
        for (String template : impersonation.assumeStatements()) {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute(template.replace(Impersonation.NAME, quoted));
            }
        }
        if (impersonation.currentUserSql().isPresent()) {
            try (java.sql.Statement statement = connection.createStatement();
                 java.sql.ResultSet rs = statement.executeQuery(impersonation.currentUserSql().get())) {
                if (!rs.next() || !user.equals(rs.getString(1))) {
                    throw new SQLException(id() + ": the session does not run as " + quoted + " after assuming it", "28000");
                }
            }
        }
        if (impersonation.privilegedRoleSql().isPresent()) {
            try (java.sql.Statement statement = connection.createStatement();
                 java.sql.ResultSet rs = statement.executeQuery(impersonation.privilegedRoleSql().get())) {
                if (!rs.next() || rs.getBoolean(1)) {
                    throw new SQLException(id() + " does not run requests as " + quoted + ": a privileged role (or one it cannot check)",
                            "28000");
                }
            }
        }
    }

    /**
     * Ends what {@link #impersonate} did on {@code connection}, after the request's transaction ended and before the
     * connection returns to the pool: each of {@link Impersonation#resetStatements()} (PostgreSQL {@code RESET ROLE}). The
     * host evicts the connection when this fails.
     *
     * @throws SQLException the engine's error, or {@code 0A000} when the engine has no session roles
     */
    default void endImpersonation(java.sql.Connection connection) throws SQLException {
        requireNonNull(connection, "connection is null");
        Impersonation impersonation = impersonation();
        if (impersonation.kind() != Impersonation.Kind.SESSION_ROLE) {
            throw new java.sql.SQLFeatureNotSupportedException(id() + " does not switch the user of an open connection", "0A000");
        }
        for (String sql : impersonation.resetStatements()) {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    /**
     * The driver properties that open a connection as {@code user}, for {@link Impersonation.Kind#CONNECTION_PROPERTIES}:
     * {@link Impersonation#connectionProperties()} with {@code {name}} replaced by the checked name. The host sets them over
     * the registration's vetted properties on a fresh connection it never pools.
     *
     * @throws SQLException SQLState {@code 0A000} when the engine has no such properties, {@code 28000} for a name it cannot hold
     */
    default Map<String, String> impersonationProperties(String user) throws SQLException {
        Impersonation impersonation = impersonation();
        if (impersonation.kind() != Impersonation.Kind.CONNECTION_PROPERTIES) {
            throw new java.sql.SQLFeatureNotSupportedException(id() + " does not open connections as another user", "0A000");
        }
        String name = impersonation.checkName(id(), user);
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        impersonation.connectionProperties().forEach((key, value) -> properties.put(key, value.replace(Impersonation.NAME, name)));
        return Map.copyOf(properties);
    }

    /**
     * Opens a fresh connection as {@code user}, for {@link Impersonation.Kind#CONNECTION_PROPERTIES}: the registration's
     * {@code jdbcUrl} and {@code properties} are vetted as for {@link #connect(String, java.util.Properties, Optional)}, then
     * the driver is called with {@link #driverUrl} of {@link #impersonatedUrl} and the properties with, over them, the
     * {@link #enforcedConnectionProperties()}, the sandbox's, the read-only mode's when {@code readOnly}, and last
     * {@link #impersonationProperties}. The caller never pools it and closes it after the request.
     *
     * @throws UnsafeUrlException when the URL or a property is refused
     * @throws SQLException SQLState {@code 0A000} when the engine cannot, {@code 28000} for a name it cannot hold, or the
     *                      driver's error
     */
    default java.sql.Connection connectAs(String jdbcUrl, java.util.Properties properties, Optional<java.nio.file.Path> fileSandbox,
                                          boolean readOnly, String user) throws SQLException {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(properties, "properties is null");
        requireNonNull(fileSandbox, "fileSandbox is null");
        Map<String, String> impersonated = impersonationProperties(user);
        vetConnection(jdbcUrl, properties, fileSandbox);
        java.util.Properties effective = new java.util.Properties();
        effective.putAll(properties);
        effective.putAll(enforcedConnectionProperties());
        fileSandbox.map(this::fileSandboxProperties).ifPresent(effective::putAll);
        if (readOnly) {
            effective.putAll(readOnlyMode(jdbcUrl).connectionProperties());
        }
        effective.putAll(impersonated);
        java.sql.Connection connection = loadDriver().connect(driverUrl(impersonatedUrl(jdbcUrl, user)), effective);
        if (connection == null) {
            throw new SQLException(id() + ": driver " + driverClassName() + " does not accept the URL", "08001");
        }
        return connection;
    }

    /**
     * The URL that opens a connection as {@code user} (already checked by {@link Impersonation#checkName}), for engines whose
     * driver reads the impersonated user from the URL (hive-jdbc's {@code ;hive.server2.proxy.user=}); {@code jdbcUrl}
     * unchanged by default. The host vets the registration's URL before, never this one.
     */
    default String impersonatedUrl(String jdbcUrl, String user) {
        requireNonNull(user, "user is null");
        return requireNonNull(jdbcUrl, "jdbcUrl is null");
    }

    // ---- nested data and progress --------------------------------------------------------------

    /**
     * A reader of the nested values (arrays, rows, JSON documents) of the result {@code metadata} describes, for
     * {@link DataExpander} ({@code expand_data}, {@link Capability#EXPAND_DATA}); it may ask the catalog on
     * {@code connection} about the columns' types before the rows are read. Empty (the default) when the engine's
     * nested values are not read: the host then answers the rows as they are, with no expanded column, as
     * Superset's base {@code expand_data} does.
     */
    default Optional<NestedReader> nestedReader(java.sql.Connection connection, java.sql.ResultSetMetaData metadata) throws SQLException {
        return Optional.empty();
    }

    /**
     * Prepares {@code statement}, before it runs, for {@link #queryProgress}: the host calls it for queries whose
     * progress it reports (asynchronous ones). Nothing by default.
     */
    default void enableProgress(java.sql.Statement statement) throws SQLException {
    }

    /**
     * How far the statement running on {@code statement} is, from 0 to 1, as the engine reports it; called by the
     * host from another thread while the statement runs. Empty (the default) when the engine does not say, or not
     * yet.
     */
    default java.util.OptionalDouble queryProgress(java.sql.Statement statement) throws SQLException {
        return java.util.OptionalDouble.empty();
    }

    // ---- life cycle ---------------------------------------------------------------------------

    /** Called once by the host before the spec is used, with the services it offers. */
    default void initialize(HostServices services) {
    }
}
