package dev.dbspec.plugin.hana;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.DriverOptionRules;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * SAP HANA through ngdbc, spec only: all 21 grains, {@code LIMIT n} applied by wrapping the statement
 * ({@link LimitMethod#WRAP_SQL}, as Superset does: a HANA statement may end in {@code WITH HINT(...)},
 * {@code WITH PARAMETERS (...)} or {@code FOR UPDATE}, which a spliced {@code LIMIT} must not follow).
 *
 * <p>Grains print the value's fields with {@code TO_VARCHAR} (which never rounds) and read them back with
 * {@code TO_TIMESTAMP}; steps and weeks add whole units ({@code WEEKDAY}: 0 = Monday). Superset's epoch
 * template is PostgreSQL syntax ({@code timestamp 'epoch'}), which HANA does not accept: here epochs add
 * seconds, or 100-nanosecond units for milliseconds, to 1970-01-01.
 */
@Extension
public final class HanaEngineSpec extends DeclaredEngineSpec {
    private static final String MONTH = "TO_TIMESTAMP(TO_VARCHAR({col}, 'YYYY-MM') || '-01', 'YYYY-MM-DD')";
    private static final String EPOCH = "TO_TIMESTAMP('1970-01-01 00:00:00', 'YYYY-MM-DD HH24:MI:SS')";

    /** The value printed down to each unit; the seconds come from {@code TO_VARCHAR}, which keeps no fraction. */
    private static final Map<TimeGrain, String> PRINTED = Map.of(TimeGrain.SECOND, "YYYY-MM-DD HH24:MI:SS", TimeGrain.MINUTE, "YYYY-MM-DD HH24:MI",
            TimeGrain.HOUR, "YYYY-MM-DD HH24", TimeGrain.DAY, "YYYY-MM-DD");
    private static final Map<TimeGrain, String> FIELDS = Map.of(TimeGrain.SECOND, "TO_INTEGER(TO_VARCHAR({col}, 'SS'))",
            TimeGrain.MINUTE, "MINUTE({col})", TimeGrain.HOUR, "HOUR({col})");
    private static final Map<TimeGrain, String> SECONDS_PER = Map.of(TimeGrain.SECOND, "", TimeGrain.MINUTE, " * 60", TimeGrain.HOUR, " * 3600");

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> printed(PRINTED.get(unit)), TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY)
            .stepped((within, field, step, value) -> "ADD_SECONDS(" + printed(PRINTED.get(within)) + ", FLOOR(" + FIELDS.get(field) + " / "
                    + step + ") * " + step + SECONDS_PER.get(field) + ")")
            .weekdayWeeks(printed("YYYY-MM-DD"), "WEEKDAY({col})", 0, (day, days) -> "ADD_DAYS(" + day + ", " + days + ")",
                    TimeGrains.modFunction())
            .grain(TimeGrain.MONTH, MONTH)
            .grain(TimeGrain.QUARTER, "ADD_MONTHS(" + MONTH + ", -MOD(MONTH({col}) - 1, 3))")
            .grain(TimeGrain.YEAR, "TO_TIMESTAMP(TO_VARCHAR({col}, 'YYYY') || '-01-01', 'YYYY-MM-DD')")
            .build();

    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^(alphanum|shorttext|st_geometry|st_point)\\b", GenericType.STRING)
            .map("^(seconddate|longdate)$", GenericType.TIMESTAMP)
            .map("^smalldecimal\\b", GenericType.DECIMAL)
            .then(ColumnTypes.defaults())
            .build();

    /** ngdbc messages read "SAP DBTech JDBC: [259]: invalid table name: ..." with HANA's error code. */
    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("\\[10\\]:|authentication failed", ErrorCategory.BAD_CREDENTIALS)
            .message("\\[-10719\\]|invalid database name|database .* not found", ErrorCategory.UNKNOWN_DATABASE)
            .message("\\[-10709\\]|Connection failed", ErrorCategory.UNREACHABLE_HOST)
            .message("\\[259\\]|invalid table name", ErrorCategory.MISSING_TABLE)
            .message("\\[258\\]|insufficient privilege", ErrorCategory.PERMISSION)
            .message("\\[257\\]|sql syntax error", ErrorCategory.SYNTAX)
            .message("\\[139\\]|cancelled by request", ErrorCategory.CANCELLED)
            .then(ErrorPatterns.standard())
            .build();

    /** The value cut to the fields of {@code format} (which must start with the date). */
    private static String printed(String format) {
        return "TO_TIMESTAMP(TO_VARCHAR({col}, '" + format + "'), '" + format + "')";
    }

    /**
     * The SAP HANA JDBC driver's connection properties (SAP's "JDBC Connection Properties" reference for ngdbc 2.x,
     * {@code ?a=b&c=d}): tenant database and schema, TLS with certificate validation (trust and key stores inside
     * the files directory), timeouts, fetch and packet sizes, statement distribution, a proxy. Refused: trace files,
     * switching certificate validation off.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(OptionRule.text(128), "databaseName", "currentSchema", "applicationName", "applicationUser", "locale")
            .allow("encrypt", OptionRule.bool())
            .allow("validateCertificate", DriverOptionRules.oneOfRefusing(Map.of("false",
                    "it switches off certificate validation, so anyone between this server and HANA could read the password"), "true"))
            .allow("hostNameInCertificate", OptionRule.hostNames())
            .allow(OptionRule.localPath(), "trustStore", "keyStore")
            .secret("trustStorePassword", "keyStorePassword", "proxyPassword")
            .allow(OptionRule.oneOf("JKS", "PKCS12"), "trustStoreType", "keyStoreType")
            .allow(OptionRule.bool(), "reconnect", "autocommit", "readOnly", "compress", "splitBatchCommands")
            .allow("distribution", OptionRule.oneOf("OFF", "CONNECTION", "STATEMENT", "ALL"))
            .allow(OptionRule.integer(0, 86_400_000), "communicationTimeout", "connectTimeout")
            .allow(OptionRule.integer(1, 1_000_000), "fetchSize")
            .allow("packetSize", OptionRule.integer(1_024, 1_073_741_823))
            .allow("proxyHostname", OptionRule.hostNames())
            .allow("proxyPort", OptionRule.integer(1, 65_535))
            .allow("proxyUserName", OptionRule.text(256))
            .refuse("makes the driver write trace files to the server's local file system", "traceFile", "traceOptions")
            .build();

    @Override
    public LimitMethod limitMethod() {
        return LimitMethod.WRAP_SQL;
    }

    public HanaEngineSpec() {
        super(EngineFacts.builder(HanaEngineSpec.class)
                .options(OPTIONS)
                .columnTypes(COLUMN_TYPES)
                .grains(GRAINS)
                // HANA has typed literals; TIME holds whole seconds; no zoned timestamp type.
                .literals(DatetimeLiterals.typed(7, TemporalType.DATE, TemporalType.TIMESTAMP).with(DatetimeLiterals.typed(0, TemporalType.TIME)))
                .epochSeconds("ADD_SECONDS(" + EPOCH + ", {col})")
                .epochMillis(Optional.of("ADD_NANO100(" + EPOCH + ", {col} * 10000)"))
                .errors(ERRORS)
                .capabilities(Capability.CANCEL)
                // HANA identifiers hold 127 characters (Superset's 30 is stricter than the engine).
                .maxColumnNameLength(127)
                .build());
    }
}
