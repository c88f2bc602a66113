package dev.dbspec.plugin.family;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.util.Map;
import java.util.Optional;

/**
 * The Transact-SQL family (SQL Server, Sybase ASE): all 21 grains from {@code DATEDIFF}/{@code DATEADD}
 * counted from fixed anchors, so they hold whatever {@code SET DATEFIRST} or the language says; {@code TOP n};
 * brackets; cancellation through the driver. Members name their precise timestamp and time types.
 *
 * <p>Whole days and weeks are counted from 1753-01-01 (a Monday, the first day of {@code DATETIME}), so
 * counts are never negative and integer division floors; sub-day steps are counted from the day's
 * midnight, which keeps every {@code DATEDIFF} small (no {@code int} overflow for seconds).
 */
public abstract class TsqlFamilySpec extends DeclaredEngineSpec {
    /** 1753-01-01, a Monday and the lower bound of {@code DATETIME}, as a language-neutral literal. */
    static final String ANCHOR = "'17530101'";
    private static final String DAYS = "DATEDIFF(DAY, " + ANCHOR + ", {col})";
    private static final String DAY = "DATEADD(DAY, " + DAYS + ", " + ANCHOR + ")";
    /** Days from the anchor to the day after {@code {col}}: Sunday-based weeks are Monday weeks shifted by one day. */
    private static final String DAYS_FROM_NEXT_DAY = "DATEDIFF(DAY, " + ANCHOR + ", DATEADD(DAY, 1, {col}))";
    private static final String MONTHS = "DATEDIFF(MONTH, " + ANCHOR + ", {col})";

    /** The grain templates of the family, exact for every {@link TimeGrain}. */
    /** Seconds to hours count whole units (or steps) from the day's start; the rest count from the anchor. */
    public static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> unit == TimeGrain.DAY ? DAY : withinDay(unit.name(), 1), TimeGrain.SECOND, TimeGrain.MINUTE,
                    TimeGrain.HOUR, TimeGrain.DAY)
            .stepped((within, field, step, value) -> withinDay(field.name(), step))
            .grain(TimeGrain.WEEK, "DATEADD(DAY, " + DAYS + " / 7 * 7, " + ANCHOR + ")")
            .grain(TimeGrain.WEEK_STARTING_SUNDAY, "DATEADD(DAY, " + DAYS_FROM_NEXT_DAY + " / 7 * 7 - 1, " + ANCHOR + ")")
            .grain(TimeGrain.WEEK_ENDING_SATURDAY, "DATEADD(DAY, " + DAYS_FROM_NEXT_DAY + " / 7 * 7 + 5, " + ANCHOR + ")")
            .grain(TimeGrain.WEEK_ENDING_SUNDAY, "DATEADD(DAY, " + DAYS + " / 7 * 7 + 6, " + ANCHOR + ")")
            .grain(TimeGrain.MONTH, "DATEADD(MONTH, " + MONTHS + ", " + ANCHOR + ")")
            .grain(TimeGrain.QUARTER, "DATEADD(MONTH, " + MONTHS + " / 3 * 3, " + ANCHOR + ")")
            .grain(TimeGrain.YEAR, "DATEADD(YEAR, DATEDIFF(YEAR, " + ANCHOR + ", {col}), " + ANCHOR + ")")
            .build();

    /** SQL Server (mssql-jdbc) and ASE (jTDS) wording, before the standard SQLSTATE classes. */
    public static final ErrorPatterns ERRORS = ErrorPatterns.builder()
            // "Cannot open database ... The login failed." must win over the credentials rule.
            .message("Cannot open database|Attempt to locate entry in sysdatabases", ErrorCategory.UNKNOWN_DATABASE)
            .message("Login failed", ErrorCategory.BAD_CREDENTIALS)
            .message("The TCP/IP connection to the host|Network error IOException|Connection refused", ErrorCategory.UNREACHABLE_HOST)
            .message("Incorrect syntax near", ErrorCategory.SYNTAX)
            .message("Invalid object name|not found\\. Specify owner\\.objectname", ErrorCategory.MISSING_TABLE)
            .message("permission (was )?denied", ErrorCategory.PERMISSION)
            .message("query has timed out", ErrorCategory.TIMEOUT)
            .sqlState("HY008", ErrorCategory.CANCELLED)
            .message("query was cancell?ed", ErrorCategory.CANCELLED)
            .then(ErrorPatterns.standard())
            .build();

    /** Counts whole {@code unit}s (in steps of {@code step}) since the value's midnight. */
    private static String withinDay(String unit, int step) {
        String count = "DATEDIFF(" + unit + ", " + DAY + ", {col})";
        return "DATEADD(" + unit + ", " + (step == 1 ? count : count + " / " + step + " * " + step) + ", " + DAY + ")";
    }

    protected TsqlFamilySpec(EngineFacts facts) {
        super(facts);
    }

    /**
     * The family's facts for a member whose timestamp and time-of-day types are {@code timestampType}
     * ({@code DATETIME2}, {@code BIGDATETIME}) and {@code timeType} ({@code TIME}, {@code BIGTIME}): its grains and
     * {@link #literals}; epochs adding whole days first, then the rest, so neither {@code DATEADD} count overflows
     * {@code int}; brackets; the T-SQL dialect and errors; no CTE inside a subquery (T-SQL allows WITH only at the top); statements cancel
     * through the driver.
     */
    public static EngineFacts.Builder facts(String id, String displayName, String timestampType, String timeType) {
        String epoch = "CAST('19700101' AS " + timestampType + ")";
        return EngineFacts.builder(id, displayName)
                .grains(GRAINS)
                .literals(literals(timestampType, timeType))
                .epochSeconds("DATEADD(SECOND, {col} % 86400, DATEADD(DAY, {col} / 86400, " + epoch + "))")
                .epochMillis(Optional.of("DATEADD(MILLISECOND, {col} % 86400000, DATEADD(DAY, {col} / 86400000, " + epoch + "))"))
                .sqlFamily(SqlFamily.SQL_SERVER)
                .quoting(IdentifierQuoting.BRACKETS)
                .errors(ERRORS)
                .withoutCapabilities(Capability.CTE_IN_SUBQUERY)
                .capabilities(Capability.CANCEL)
                .limitSyntax(LimitSyntax.TOP);
    }

    /** Casts from text; unseparated {@code yyyymmdd} dates read the same under every language and {@code DATEFORMAT}. */
    public static DatetimeLiterals literals(String timestampType, String timeType) {
        return DatetimeLiterals.builder()
                .add(TemporalType.DATE, "CAST('{value}' AS DATE)", "yyyyMMdd")
                .add(TemporalType.TIME, "CAST('{value}' AS " + timeType + ")", "HH:mm:ss.SSSSSS")
                .add(TemporalType.TIMESTAMP, "CAST('{value}' AS " + timestampType + ")", "yyyyMMdd HH:mm:ss.SSSSSS")
                .build();
    }


}
