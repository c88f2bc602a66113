package dev.dbspec.plugin.databend;

import dev.dbspec.api.ColumnTypes;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.DriverOptionRules;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Databend through databend-jdbc, spec only: all 21 grains from the {@code to_start_of_*} functions plus
 * whole units added back ({@code to_day_of_week}: 1 = Monday), so steps and weeks do not depend on
 * epoch alignment or a week-mode argument. Double quotes, unquoted names lower-cased (its default
 * PostgreSQL dialect). No epoch-milliseconds template: {@code to_timestamp(n)} guesses the unit from the
 * magnitude.
 */
@Extension
public final class DatabendEngineSpec extends DeclaredEngineSpec {
    private static final String DAY = "to_start_of_day({col})";
    private static final String ISO_DAY = "to_day_of_week({col})";

    /**
     * Steps subtract the field modulo the step from its own start; weeks are day arithmetic on the ISO day of week,
     * with {@code %} parenthesised so that a sign or a subtraction binds as written.
     */
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "to_start_of_" + unit.name().toLowerCase(Locale.ROOT) + "(" + value + ")")
            .stepped((within, field, step, value) -> {
                String unit = field.name().toLowerCase(Locale.ROOT);
                return "add_" + unit + "s(to_start_of_" + unit + "(" + value + "), -(to_" + unit + "(" + value + ") % " + step + "))";
            })
            .weekdayWeeks(DAY, ISO_DAY, 1, (day, days) -> "add_days(" + day + ", " + days + ")",
                    TimeGrains.percentOperator())
            .build();

    private static final ColumnTypes COLUMN_TYPES = ColumnTypes.builder()
            .map("^(nullable\\()?(u?int(8|16|32|64))\\b", GenericType.INTEGER)
            .map("^(nullable\\()?(float32|float64)\\b", GenericType.FLOAT)
            .map("^(nullable\\()?(string|varchar)\\b", GenericType.STRING)
            .map("^(nullable\\()?(variant|map|tuple)\\b", GenericType.JSON)
            .then(ColumnTypes.defaults())
            .build();

    private static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            .message("AuthenticateFailure|authenticate failed|password is not correct", ErrorCategory.BAD_CREDENTIALS)
            .message("Unknown database|UnknownDatabase", ErrorCategory.UNKNOWN_DATABASE)
            .message("Unknown table|UnknownTable", ErrorCategory.MISSING_TABLE)
            .message("PermissionDenied|Permission denied", ErrorCategory.PERMISSION)
            .message("SyntaxException|syntax error", ErrorCategory.SYNTAX)
            .message("AbortedQuery|aborted", ErrorCategory.CANCELLED)
            .unreachableHost()
            .message("timed out|Timeout", ErrorCategory.TIMEOUT)
            .then(ErrorPatterns.standard())
            .build();

    /**
     * databend-jdbc 0.2.8's options ({@code DatabendDriver.getPropertyInfo}, {@code ?a=b&c=d}): TLS with certificate
     * checks, database, tenant and warehouse, the access token as a secret, timeouts and paging. Refused: switching
     * certificate checks off, and the debug mode that logs the driver's HTTP traffic.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("ssl", OptionRule.bool())
            .allow("sslmode", OptionRule.oneOf("enable", "disable"))
            .allow("use_verify", DriverOptionRules.oneOfRefusing(Map.of("false",
                    "it switches off certificate verification, so anyone between this server and Databend could read the password"),
                    "true"))
            .allow(OptionRule.text(128), "database", "tenant", "warehouse")
            .secret("accesstoken")
            .allow(OptionRule.bool(), "strnullasnull", "presigned_url_disabled")
            .allow(OptionRule.integer(0, 86_400), "query_timeout", "connection_timeout", "socket_timeout", "wait_time_secs")
            .allow(OptionRule.integer(1, 1_000_000), "max_rows_in_buffer", "max_rows_per_page")
            .refuse("makes the driver log its HTTP requests and answers, credentials included, on this server", "debug")
            .build();

    /** Superset does not offer file upload for Databend. */

    public DatabendEngineSpec() {
        super(EngineFacts.builder(DatabendEngineSpec.class)
                .options(OPTIONS)
                .sqlFamily(SqlFamily.POSTGRESQL)
                .quoting(IdentifierQuoting.DOUBLE_QUOTES_LOWER)
                .columnTypes(COLUMN_TYPES)
                .grains(GRAINS)
                // Microsecond timestamps; Databend has no TIME type.
                .literals(DatetimeLiterals.builder()
                        .add(TemporalType.DATE, "to_date('{value}')", "yyyy-MM-dd")
                        .add(TemporalType.TIMESTAMP, "to_timestamp('{value}')", "yyyy-MM-dd HH:mm:ss.SSSSSS")
                        .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "to_timestamp('{value}')", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
                        .build())
                // Seconds added to the epoch (in the session time zone, UTC by default).
                .epochSeconds("add_seconds(to_timestamp(0), {col})")
                .epochMillis(Optional.empty())
                .errors(ERRORS)
                .build());
    }
}
