package dev.dbspec.plugin.ydb;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.DriverOptionRules;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * YDB (YQL) through the YDB JDBC driver, spec only. Facts from YDB's documentation (ydb.tech, YQL reference: the
 * DateTime module, primitive types, lexical structure): all 21 grains from the DateTime module, whose
 * {@code StartOfWeek} starts on Monday, {@code StartOfQuarter} on the quarter's first month, and whose
 * {@code StartOf(value, interval)} floors to a multiple of the interval from the start of the day (every step here
 * divides a day, so the buckets are exact); {@code MakeDatetime} gives a Datetime (whole seconds, UTC).
 *
 * <p>Values of the basic range start at 1970-01-01: a week that starts before it is NULL (YDB's documented example).
 * Literals are YQL's typed constructors at UTC ({@code Timestamp} keeps microseconds); YQL has no TIME type. Identifiers
 * are quoted with backticks and keep their case. YQL has no {@code WITH} common table expressions (named expressions
 * {@code $x = ...} stand in for them).
 */
@Extension
public final class YdbEngineSpec extends DeclaredEngineSpec {
    /** The DateTime module's calendar starts; seconds, minutes and hours are {@code StartOf} one unit. */
    private static final Map<TimeGrain, String> CALENDAR = Map.of(TimeGrain.DAY, "StartOfDay", TimeGrain.WEEK, "StartOfWeek",
            TimeGrain.MONTH, "StartOfMonth", TimeGrain.QUARTER, "StartOfQuarter", TimeGrain.YEAR, "StartOfYear");

    /** ISO-8601 duration designators of the sub-day units, for {@code Interval("PT5M")}. */
    private static final Map<TimeGrain, String> DESIGNATORS = Map.of(TimeGrain.SECOND, "S", TimeGrain.MINUTE, "M", TimeGrain.HOUR, "H");

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> CALENDAR.containsKey(unit)
                    ? "DateTime::MakeDatetime(DateTime::" + CALENDAR.get(unit) + "(" + value + "))"
                    : startOf(value, 1, unit))
            .stepped((within, field, step, value) -> startOf(value, step, field))
            .shiftedWeeks((value, days) -> "(" + value + (days < 0 ? " - " : " + ") + "Interval(\"P" + Math.abs(days) + "D\"))")
            .build();

    private static String startOf(String value, int step, TimeGrain unit) {
        return "DateTime::MakeDatetime(DateTime::StartOf(" + value + ", Interval(\"PT" + step + DESIGNATORS.get(unit) + "\")))";
    }

    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.DATE, "Date('{value}')", "yyyy-MM-dd")
            .add(TemporalType.TIMESTAMP, "Timestamp('{value}Z')", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .build();

    private static final String READS_A_REFERENCE = "its value may be a file: or classpath: reference whose content the driver reads"
            + " from this server; give the password in the password field instead";

    /**
     * ydb-jdbc-driver 2.3.10's options ({@code YdbConfig}, {@code YdbConnectionProperties}, {@code YdbOperationProperties},
     * {@code YdbClientProperties}, {@code YdbQueryProperties}; {@code ?a=b&c=d}): TLS with a CA certificate inside the
     * files directory, the local data centre, compression, timeouts (durations such as {@code 60s}), session pool and
     * query-translation switches. Refused: credentials the driver reads from files or {@code file:}/{@code classpath:}
     * references, this host's cloud metadata identity, and options naming classes to instantiate.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(OptionRule.bool(), "secureConnection", "useQueryService", "autoCommit", "failOnTruncatedResult", "useStreamResultSets",
                    "keepQueryText", "disableAutoPreparedBatches", "disableDetectSqlOperations", "disableJdbcParameterDeclare",
                    "disableJdbcParameters", "disablePrepareDataQuery", "forceBulkUpsert", "forceJdbcParameters", "forceScanSelect",
                    "forceScanAndBulk", "replaceInsertByUpsert", "replaceJdbcInByYqlList")
            .allow("secureConnectionCertificate", OptionRule.localPath())
            .allow("localDatacenter", OptionRule.text(64))
            .allow("grpcCompression", OptionRule.oneOf("none", "gzip"))
            .allow(DriverOptionRules.duration(), "queryTimeout", "scanQueryTimeout", "deadlineTimeout", "sessionTimeout",
                    "sessionKeepAliveTime", "sessionMaxIdleTime")
            .allow(OptionRule.integer(0, 10_000), "sessionPoolSizeMin", "sessionPoolSizeMax")
            .allow("transactionLevel", OptionRule.integer(0, 8))
            .refuse(READS_A_REFERENCE, "token", "saFile", "iamEndpoint")
            .refuse("makes the driver read a credentials file from this server's file system", "tokenFile", "saKeyFile")
            .refuse("authenticates with this host's own cloud metadata identity, not the user's", "useMetadata", "metadataURL")
            .refuseClassFromUrl("tokenProvider", "channelInitializer", "withTracer")
            .build();

    public YdbEngineSpec() {
        super(EngineFacts.builder(YdbEngineSpec.class)
                .options(OPTIONS)
                .quoting(IdentifierQuoting.BACKTICKS)
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("DateTime::FromSeconds(CAST({col} AS Uint32))")
                .epochMillis(Optional.of("DateTime::FromMilliseconds(CAST({col} AS Uint64))"))
                .withoutCapabilities(Capability.CTE_IN_SUBQUERY)
                .build());
    }
}
