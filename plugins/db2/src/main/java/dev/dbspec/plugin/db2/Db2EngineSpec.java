package dev.dbspec.plugin.db2;

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
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.StrictKeyValueUrls;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * IBM Db2 (LUW, also z/OS and i) through the JCC driver, spec only: all 21 grains from the value's midnight
 * plus labeled durations ({@code n HOURS}), weeks from {@code DAYOFWEEK_ISO} (1 = Monday on every platform),
 * {@code FETCH FIRST n ROWS ONLY}.
 *
 * <p>Rows are limited by wrapping ({@link LimitMethod#WRAP_SQL}, as Superset does): a Db2 statement may end
 * in {@code FOR READ ONLY}, {@code OPTIMIZE FOR n ROWS}, {@code FOR UPDATE} or an isolation clause, which must
 * follow {@code FETCH FIRST}; wrapping the statement avoids splicing into that tail.
 */
@Extension
public final class Db2EngineSpec extends DeclaredEngineSpec {
    private static final String DAY = "TIMESTAMP(DATE({col}), '00:00:00')";

    /** The day's start plus whole hours, minutes and seconds (each field down to the unit; the last one stepped). */
    private static final List<TimeGrain> TIME_FIELDS = List.of(TimeGrain.HOUR, TimeGrain.MINUTE, TimeGrain.SECOND);

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> unit == TimeGrain.DAY ? DAY : DAY + fieldsDownTo(unit), TimeGrain.SECOND, TimeGrain.MINUTE,
                    TimeGrain.HOUR, TimeGrain.DAY)
            .stepped((within, field, step, value) -> DAY + (within == TimeGrain.DAY ? "" : fieldsDownTo(within)) + " + (" + field + "(" + value
                    + ") / " + step + " * " + step + ") " + field + "S")
            .grain(TimeGrain.WEEK, DAY + " - (DAYOFWEEK_ISO({col}) - 1) DAYS")
            .grain(TimeGrain.WEEK_STARTING_SUNDAY, DAY + " - MOD(DAYOFWEEK_ISO({col}), 7) DAYS")
            .grain(TimeGrain.WEEK_ENDING_SATURDAY, DAY + " + MOD(13 - DAYOFWEEK_ISO({col}), 7) DAYS")
            .grain(TimeGrain.WEEK_ENDING_SUNDAY, DAY + " + (7 - DAYOFWEEK_ISO({col})) DAYS")
            .grain(TimeGrain.MONTH, DAY + " - (DAY({col}) - 1) DAYS")
            // From the first of the month, whole months back: no end-of-month clipping.
            .grain(TimeGrain.QUARTER, DAY + " - (DAY({col}) - 1) DAYS - MOD(MONTH({col}) - 1, 3) MONTHS")
            .grain(TimeGrain.YEAR, DAY + " - (DAYOFYEAR({col}) - 1) DAYS")
            .build();

    private static String fieldsDownTo(TimeGrain unit) {
        StringBuilder sql = new StringBuilder();
        for (TimeGrain field : TIME_FIELDS.subList(0, TIME_FIELDS.indexOf(unit) + 1)) {
            sql.append(" + ").append(field).append("({col}) ").append(field).append('S');
        }
        return sql.toString();
    }

    /** JCC reports binary strings as {@code CHAR () FOR BIT DATA}. */
    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("for bit data", GenericType.BINARY)
            .map("^((var)?graphic|dbclob|long varchar|xml)\\b", GenericType.STRING)
            .map("^decfloat\\b", GenericType.DECIMAL)
            .then(ColumnTypes.defaults())
            .build();

    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("which was either not found|SQL1013N|SQLCODE=-1013", ErrorCategory.UNKNOWN_DATABASE)
            .sqlState("42704", ErrorCategory.MISSING_TABLE)
            .sqlState("42502", ErrorCategory.PERMISSION)
            .message("SQLCODE=-911.*SQLERRMC=68|lock timeout", ErrorCategory.TIMEOUT)
            .then(ErrorPatterns.standard())
            .build();

    private static final String PREFIX = "jdbc:db2://";

    /**
     * IBM Data Server Driver for JDBC (JCC) properties (IBM's "Properties for the IBM Data Server Driver for JDBC
     * and SQLJ", common and Db2 for LUW ones): schema and path, TLS with the server certificate or a trust store
     * inside the files directory, security mechanism, timeouts, client information. Refused: trace files and
     * directories, JNDI lookups, security plug-in classes, and Kerberos with this host's tickets.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow(OptionRule.text(128), "currentSchema", "currentSQLID", "clientProgramName", "clientApplicationInformation",
                    "clientAccountingInformation", "clientWorkstation", "clientUser")
            .allow("currentFunctionPath", OptionRule.text(512))
            .allow("sslConnection", OptionRule.bool())
            .allow(OptionRule.localPath(), "sslCertLocation", "sslTrustStoreLocation")
            .secret("sslTrustStorePassword")
            .allow("sslTrustStoreType", OptionRule.oneOf("JKS", "PKCS12"))
            .allow("sslVersion", OptionRule.oneOf("TLSv1.2", "TLSv1.3"))
            .allow("securityMechanism", OptionRule.oneOf("3", "7", "9", "13", "18"))
            .allow(OptionRule.integer(0, 86_400), "loginTimeout", "blockingReadConnectionTimeout", "commandTimeout", "keepAliveTimeout")
            .allow("fetchSize", OptionRule.integer(0, 1_000_000))
            .allow(OptionRule.bool(), "retrieveMessagesFromServerOnGetMessage", "enableSeamlessFailover")
            .allow(OptionRule.oneOf("1", "2"), "progressiveStreaming", "queryTimeoutInterruptProcessingMode")
            .refuse("makes the driver write a trace file to the server's local file system", "traceFile")
            .refuse("makes the driver write trace files into a local directory", "traceDirectory")
            .refuse("makes the driver perform a JNDI lookup, which can load remote code", "clientRerouteServerListJNDIName")
            .refuse("makes the driver instantiate a security plug-in class named in the URL", "pluginName", "plugin")
            .refuse("authenticates with Kerberos using this host's own tickets, as this host", "kerberosServerPrincipal",
                    "gssCredential")
            .build();

    /**
     * JCC writes properties after the database name and a colon ({@code //h:50000/DB:traceFile=x;}): the part
     * before that colon is the head, the rest {@code name=value;} pairs. Type 2 URLs ({@code jdbc:db2:DB}) load the
     * native Db2 client into this host and are refused.
     */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        String rest = StrictKeyValueUrls.afterPrefix(id(), jdbcUrl, PREFIX);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return StrictKeyValueUrls.read(OPTIONS, id(), jdbcUrl, "", properties);
        }
        int colon = rest.indexOf(':', slash);
        if (colon < 0) {
            return StrictKeyValueUrls.read(OPTIONS, id(), jdbcUrl, "", properties);
        }
        return StrictKeyValueUrls.read(OPTIONS, id(), PREFIX + rest.substring(0, colon), rest.substring(colon + 1), properties);
    }

    @Override
    public LimitMethod limitMethod() {
        return LimitMethod.WRAP_SQL;
    }

    @Override
    public LimitSyntax limitSyntax() {
        return LimitSyntax.FETCH_FIRST;
    }

    public Db2EngineSpec() {
        super(EngineFacts.builder(Db2EngineSpec.class)
                .options(OPTIONS)
                .columnTypes(COLUMN_TYPES)
                .grains(GRAINS)
                // Db2 LUW has no TIMESTAMP WITH TIME ZONE; the string functions read the same on every platform.
                .literals(DatetimeLiterals.standard("{type}('{value}')", 0, TemporalType.DATE, TemporalType.TIME).toBuilder()
                        .add(TemporalType.TIMESTAMP, "TIMESTAMP('{value}')", "yyyy-MM-dd-HH.mm.ss.SSSSSS")
                        .build())
                .epochSeconds("(TIMESTAMP('1970-01-01', '00:00:00') + {col} SECONDS)")
                // Whole seconds plus the remainder in microseconds: both labeled durations stay integers.
                .epochMillis(Optional.of("(TIMESTAMP('1970-01-01', '00:00:00') + (CAST({col} AS BIGINT) / 1000) SECONDS"
                + " + (MOD(CAST({col} AS BIGINT), 1000) * 1000) MICROSECONDS)"))
                .errors(ERRORS)
                .capabilities(Capability.DYNAMIC_SCHEMA, Capability.CANCEL)
                // Db2 LUW column names hold 128 bytes (Superset's 30 is the old z/OS limit).
                .maxColumnNameLength(128)
                .build());
    }
}
