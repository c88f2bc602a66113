package dev.dbspec.plugin.family;

import static java.util.Map.entry;

import dev.dbspec.api.Capability;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.ErrorPatterns;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Transact-SQL family (SQL Server, Sybase ASE): all 21 grains from {@code DATEDIFF}/{@code DATEADD}
 * counted from fixed anchors, so they hold whatever {@code SET DATEFIRST} or the language says; {@code TOP n};
 * brackets; cancellation through the driver. Members name their precise timestamp and time types.
 *
 * <p>Whole days and weeks are counted from 1753-01-01 (a Monday, the first day of {@code DATETIME}), so
 * counts are never negative and integer division floors; sub-day steps are counted from the day's
 * midnight, which keeps every {@code DATEDIFF} small (no {@code int} overflow for seconds).
 */
public abstract class TsqlFamilySpec implements EngineSpec {
    /** 1753-01-01, a Monday and the lower bound of {@code DATETIME}, as a language-neutral literal. */
    static final String ANCHOR = "'17530101'";
    private static final String DAYS = "DATEDIFF(DAY, " + ANCHOR + ", {col})";
    private static final String DAY = "DATEADD(DAY, " + DAYS + ", " + ANCHOR + ")";
    /** Days from the anchor to the day after {@code {col}}: Sunday-based weeks are Monday weeks shifted by one day. */
    private static final String DAYS_FROM_NEXT_DAY = "DATEDIFF(DAY, " + ANCHOR + ", DATEADD(DAY, 1, {col}))";
    private static final String MONTHS = "DATEDIFF(MONTH, " + ANCHOR + ", {col})";

    /** The grain templates of the family, exact for every {@link TimeGrain}. */
    public static final Map<TimeGrain, String> GRAINS = Map.ofEntries(
            entry(TimeGrain.SECOND, withinDay("SECOND", 1)),
            entry(TimeGrain.FIVE_SECONDS, withinDay("SECOND", 5)),
            entry(TimeGrain.THIRTY_SECONDS, withinDay("SECOND", 30)),
            entry(TimeGrain.MINUTE, withinDay("MINUTE", 1)),
            entry(TimeGrain.FIVE_MINUTES, withinDay("MINUTE", 5)),
            entry(TimeGrain.TEN_MINUTES, withinDay("MINUTE", 10)),
            entry(TimeGrain.FIFTEEN_MINUTES, withinDay("MINUTE", 15)),
            entry(TimeGrain.THIRTY_MINUTES, withinDay("MINUTE", 30)),
            entry(TimeGrain.HALF_HOUR, withinDay("MINUTE", 30)),
            entry(TimeGrain.HOUR, withinDay("HOUR", 1)),
            entry(TimeGrain.SIX_HOURS, withinDay("HOUR", 6)),
            entry(TimeGrain.DAY, DAY),
            entry(TimeGrain.WEEK, "DATEADD(DAY, " + DAYS + " / 7 * 7, " + ANCHOR + ")"),
            entry(TimeGrain.WEEK_STARTING_MONDAY, "DATEADD(DAY, " + DAYS + " / 7 * 7, " + ANCHOR + ")"),
            entry(TimeGrain.WEEK_STARTING_SUNDAY, "DATEADD(DAY, " + DAYS_FROM_NEXT_DAY + " / 7 * 7 - 1, " + ANCHOR + ")"),
            entry(TimeGrain.WEEK_ENDING_SATURDAY, "DATEADD(DAY, " + DAYS_FROM_NEXT_DAY + " / 7 * 7 + 5, " + ANCHOR + ")"),
            entry(TimeGrain.WEEK_ENDING_SUNDAY, "DATEADD(DAY, " + DAYS + " / 7 * 7 + 6, " + ANCHOR + ")"),
            entry(TimeGrain.MONTH, "DATEADD(MONTH, " + MONTHS + ", " + ANCHOR + ")"),
            entry(TimeGrain.QUARTER, "DATEADD(MONTH, " + MONTHS + " / 3 * 3, " + ANCHOR + ")"),
            entry(TimeGrain.QUARTER_YEAR, "DATEADD(MONTH, " + MONTHS + " / 3 * 3, " + ANCHOR + ")"),
            entry(TimeGrain.YEAR, "DATEADD(YEAR, DATEDIFF(YEAR, " + ANCHOR + ", {col}), " + ANCHOR + ")"));

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

    /** The member's timestamp type with at least microseconds ({@code DATETIME2}, {@code BIGDATETIME}). */
    protected abstract String timestampType();

    /** The member's time-of-day type ({@code TIME}, {@code BIGTIME}). */
    protected abstract String timeType();

    @Override
    public Map<TimeGrain, String> timeGrainExpressions() {
        return GRAINS;
    }

    /** Unseparated {@code yyyymmdd} dates read the same under every language and {@code DATEFORMAT}. */
    @Override
    public DatetimeLiterals datetimeLiterals() {
        return DatetimeLiterals.builder()
                .add(TemporalType.DATE, "CAST('{value}' AS DATE)", "yyyyMMdd")
                .add(TemporalType.TIME, "CAST('{value}' AS " + timeType() + ")", "HH:mm:ss.SSSSSS")
                .add(TemporalType.TIMESTAMP, "CAST('{value}' AS " + timestampType() + ")", "yyyyMMdd HH:mm:ss.SSSSSS")
                .build();
    }

    /** Whole days first, then the rest, so neither {@code DATEADD} count overflows {@code int}. */
    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("DATEADD(SECOND, {col} % 86400, DATEADD(DAY, {col} / 86400, " + epoch() + "))");
    }

    @Override
    public Optional<String> epochMillisToDatetime() {
        return Optional.of("DATEADD(MILLISECOND, {col} % 86400000, DATEADD(DAY, {col} / 86400000, " + epoch() + "))");
    }

    private String epoch() {
        return "CAST('19700101' AS " + timestampType() + ")";
    }

    @Override
    public LimitSyntax limitSyntax() {
        return LimitSyntax.TOP;
    }

    @Override
    public SqlFamily sqlFamily() {
        return SqlFamily.SQL_SERVER;
    }

    @Override
    public IdentifierQuoting identifierQuoting() {
        return IdentifierQuoting.BRACKETS;
    }

    @Override
    public ErrorPatterns errorPatterns() {
        return ERRORS;
    }

    /** No CTE inside a subquery (T-SQL allows WITH only at the top); statements cancel through the driver. */
    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.copyOf(Capability.defaults());
        capabilities.remove(Capability.CTE_IN_SUBQUERY);
        capabilities.add(Capability.CANCEL);
        return capabilities;
    }
}
