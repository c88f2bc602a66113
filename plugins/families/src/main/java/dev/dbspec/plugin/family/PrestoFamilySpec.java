package dev.dbspec.plugin.family;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Presto family (Trino, Presto, Athena): all 21 grains from {@code date_trunc} (ISO weeks, Monday) plus
 * interval arithmetic, typed literals, epoch via {@code from_unixtime(..., 'UTC')}, double quotes with
 * lower-cased names, and the client options that Presto's and Trino's JDBC drivers share.
 */
public abstract class PrestoFamilySpec extends DeclaredEngineSpec {
    /**
     * Grains over the column as it is. Trino's {@code date_trunc} keeps any {@code timestamp(p)}, whereas a cast
     * to {@code TIMESTAMP} (= {@code timestamp(3)}) rounds microseconds and could move a value into the next bucket.
     */
    public static final Map<TimeGrain, String> GRAINS = grains("{col}");

    /** Presto's (prestodb) {@code TIMESTAMP} has millisecond precision, so the cast is exact and also admits dates. */
    public static final Map<TimeGrain, String> CAST_GRAINS = grains("CAST({col} AS TIMESTAMP)");

    /** Trino and Presto report {@code ipaddress}; the rest are SQL names ({@code varchar(n)}, {@code timestamp(3) with time zone}...). */
    public static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^ipaddress$", GenericType.STRING)
            .then(ColumnTypes.defaults())
            .build();

    /** Messages of the coordinator, as the JDBC drivers relay them (the drivers set no useful SQLSTATE). */
    public static final ErrorPatterns ERROR_PATTERNS = ErrorPatterns.builder()
            .message("Authentication failed|Access Denied: Invalid credentials|401 Unauthorized", ErrorCategory.BAD_CREDENTIALS)
            .unreachableHost("Failed to connect", "No route to host", "connect timed out")
            .message("(Catalog|Schema) '[^']*' (does not exist|not found)|Catalog must be specified", ErrorCategory.UNKNOWN_DATABASE)
            .message("Table '[^']*' does not exist", ErrorCategory.MISSING_TABLE)
            .message("Access Denied:", ErrorCategory.PERMISSION)
            .message("mismatched input|extraneous input|no viable alternative", ErrorCategory.SYNTAX)
            .message("exceeded [^.]*time limit", ErrorCategory.TIMEOUT)
            .message("Query was cancell?ed|USER_CANCELED|Query killed", ErrorCategory.CANCELLED)
            .then(ErrorPatterns.standard())
            .build();

    /**
     * The connection options that Presto's and Trino's JDBC drivers share ({@code Driver.getPropertyInfo} of
     * trino-jdbc 484 and presto-jdbc 0.296), in the drivers' {@code ?name=value&name=value} form, which they split
     * without decoding. Allowed: TLS (a trust store inside the files directory), tokens and extra credentials as
     * secrets, client tags, session properties, proxies. Refused: options that read this host's key material or
     * Kerberos identity, or that need a person at this host to log in.
     */
    public static final ConnectionOptions CLIENT_OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("SSL", OptionRule.bool())
            .allow("SSLTrustStorePath", OptionRule.localPath())
            .allow("SSLTrustStoreType", OptionRule.oneOf("JKS", "PKCS12"))
            .secret("SSLTrustStorePassword", "accessToken", "extraCredentials")
            .allow("applicationNamePrefix", OptionRule.text(128))
            .allow("disableCompression", OptionRule.bool())
            .allow("clientTags", OptionRule.text(512))
            .allow("sessionProperties", DriverOptionRules.settings(';', 64))
            .allow("socksProxy", DriverOptionRules.hostAndPort())
            .allow("httpProxy", DriverOptionRules.hostAndPort())
            .refuseLocalKeyStore("SSLKeyStorePath")
            .refuseLocalKeytab("KerberosKeytabPath")
            .refuse("reads a Kerberos ticket cache from the local file system, authenticating as this host", "KerberosCredentialCachePath")
            .refuse("reads a local Kerberos configuration and installs it for the whole JVM", "KerberosConfigPath")
            .refuse("switches on Kerberos, which authenticates with this host's own tickets (the JVM's default credential cache),"
                    + " as this host", "KerberosRemoteServiceName", "KerberosPrincipal")
            .refuse("needs a person at this host: the driver opens a web browser on the server or prints a login link to its"
                    + " console, and waits", "externalAuthentication")
            .refuse("OPEN starts a web browser on this host", "externalAuthenticationRedirectHandlers")
            .build();

    /**
     * The grain templates over {@code ts}, an expression of {@code {col}}. Sub-unit buckets subtract the remainder
     * from the truncated value; week variants shift by a day around the ISO (Monday) week.
     */
    public static Map<TimeGrain, String> grains(String ts) {
        return TimeGrains.builder()
                .value(ts)
                .truncate((unit, value) -> "date_trunc('" + unit.name().toLowerCase(Locale.ROOT) + "', " + value + ")")
                // Truncates to the field, then subtracts its value modulo the step (it stays inside the larger unit).
                .stepped((within, field, step, value) -> {
                    String unit = field.name().toLowerCase(Locale.ROOT);
                    return "date_trunc('" + unit + "', " + value + ") - interval '1' " + unit + " * (" + unit + "(" + value + ") % " + step + ")";
                })
                .shiftedWeeks((value, days) -> value + (days < 0 ? " - " : " + ") + "interval '" + Math.abs(days) + "' day")
                .build();
    }

    /** Typed literals with {@code fractionDigits} of seconds; the zone literal carries its offset after a space. */
    protected static DatetimeLiterals literals(int fractionDigits) {
        String fraction = fractionDigits == 0 ? "" : "." + "S".repeat(fractionDigits);
        return DatetimeLiterals.typed(fractionDigits, TemporalType.DATE, TemporalType.TIME, TemporalType.TIMESTAMP).toBuilder()
                .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "TIMESTAMP '{value}'", "yyyy-MM-dd HH:mm:ss" + fraction + " xxx")
                .build();
    }

    protected PrestoFamilySpec(EngineFacts facts) {
        super(facts);
    }

    /**
     * The family's facts: grains over the column as it is, microsecond literals (Trino's default precision), epoch
     * seconds through {@code from_unixtime} pinned to UTC with the zone dropped (the UTC wall clock), type names,
     * errors, double quotes with lower-cased names, and Superset's Presto flags: catalogs switchable per query, no
     * alias shadowing a source column in ORDER BY.
     */
    public static EngineFacts.Builder facts(String id, String displayName) {
        return facts(EngineFacts.builder(id, displayName));
    }

    /** The same facts for the engine whose identity is the {@code engine.properties} beside {@code spec} ({@link EngineFacts#builder(Class)}). */
    public static EngineFacts.Builder facts(Class<? extends EngineSpec> spec) {
        return facts(EngineFacts.builder(spec));
    }

    private static EngineFacts.Builder facts(EngineFacts.Builder engine) {
        return engine
                .grains(GRAINS)
                .literals(literals(6))
                .epochSeconds("CAST(from_unixtime({col}, 'UTC') AS TIMESTAMP)")
                .columnTypes(COLUMN_TYPES)
                .errors(ERROR_PATTERNS)
                .withoutCapabilities(Capability.ALIAS_TO_SOURCE_COLUMN)
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_SCHEMA, Capability.DYNAMIC_CATALOG, Capability.CANCEL)
                .quoting(IdentifierQuoting.DOUBLE_QUOTES_LOWER)
                .sqlFamily(SqlFamily.PRESTO)
                // "table$partitions" of Hive-connector tables; asked only of specs claiming them.
                .partitions(PrestoPartitions::partitions, PrestoPartitions::latestPartition)
                .extraTableMetadata(PrestoPartitions::extraTableMetadata);
    }

    /** The family's facts for a coordinator reached as {@code <prefix>//host:port/catalog} on port 8080, as Trino and Presto are. */
    public static EngineFacts.Builder coordinatorFacts(String id, String displayName, String prefix) {
        return facts(id, displayName).url(prefix + "//{host}:{port}/{catalog}", prefix).port(8080);
    }

    // ---- nested data and progress (Trino checked live by the kit; Presto spec-only) ----

    /**
     * {@code array(T)} and {@code row(name T, ...)} columns ({@link NestedTypes#presto}), their values from the
     * driver's {@link java.sql.Array}s, Trino's {@code Row}s and Presto's row maps ({@link NestedValues}), for
     * Superset's {@code expand_data}, which was written for this engine.
     */
    @Override
    public Optional<dev.dbspec.api.NestedReader> nestedReader(java.sql.Connection connection, java.sql.ResultSetMetaData metadata)
            throws java.sql.SQLException {
        int columns = metadata.getColumnCount();
        dev.dbspec.api.NestedType[] types = new dev.dbspec.api.NestedType[columns];
        for (int i = 0; i < columns; i++) {
            types[i] = NestedTypes.presto(String.valueOf(metadata.getColumnTypeName(i + 1)));
        }
        return Optional.of(NestedValues.reader(types));
    }

    /** The last progress each statement's monitor received, by statement (weakly: a closed statement goes). */
    private static final java.util.Map<Object, Double> PROGRESS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /**
     * The driver's progress monitor: Trino's {@code TrinoStatement.setProgressMonitor(Consumer<QueryStats>)} and
     * Presto's {@code PrestoStatement.setProgressMonitor}, called with the query's statistics as they arrive, read
     * reflectively since the driver is not bundled; each {@code QueryStats.getProgressPercentage()} (an
     * {@code Optional<Double>} from 0 to 100) is kept for {@link #queryProgress}.
     */
    @Override
    public void enableProgress(java.sql.Statement statement) throws java.sql.SQLException {
        Object target = driverStatement(statement);
        java.lang.reflect.Method method;
        try {
            method = target.getClass().getMethod("setProgressMonitor", java.util.function.Consumer.class);
        } catch (NoSuchMethodException e) {
            return; // an older driver: no progress
        }
        java.util.function.Consumer<Object> monitor = stats -> {
            try {
                Object percentage = stats.getClass().getMethod("getProgressPercentage").invoke(stats);
                if (percentage instanceof java.util.OptionalDouble optional && optional.isPresent()) {
                    PROGRESS.put(target, optional.getAsDouble());
                } else if (percentage instanceof Optional<?> optional && optional.isPresent() && optional.get() instanceof Number number) {
                    PROGRESS.put(target, number.doubleValue());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // statistics without a percentage: no progress
            }
        };
        try {
            method.invoke(target, monitor);
        } catch (ReflectiveOperationException e) {
            throw new java.sql.SQLException("cannot watch the query's progress: " + e, e);
        }
    }

    /** The monitor's last percentage ({@link #enableProgress}) as a fraction. */
    @Override
    public java.util.OptionalDouble queryProgress(java.sql.Statement statement) throws java.sql.SQLException {
        Double percentage = PROGRESS.get(driverStatement(statement));
        return percentage == null ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of(Math.max(0, Math.min(1, percentage / 100)));
    }

    /** The driver's own statement under a pool's proxy. */
    private static Object driverStatement(java.sql.Statement statement) throws java.sql.SQLException {
        return statement.isWrapperFor(java.sql.Statement.class) ? statement.unwrap(java.sql.Statement.class) : statement;
    }
}
