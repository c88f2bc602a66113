package dev.dbspec.plugin.iris;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.api.UnsafeUrlException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * InterSystems IRIS data platform through InterSystems' JDBC driver (not bundled), {@code jdbc:IRIS://host:1972/NAMESPACE}.
 * Facts from docs.intersystems.com, "InterSystems SQL Reference": {@code DATEADD}/{@code DATEDIFF} with the dateparts
 * {@code YEAR} to {@code SECOND}, {@code CAST} to {@code DATE}, {@code TIME}, {@code TIMESTAMP}, {@code TOP n}.
 *
 * <p>Grains: the day is the value cast to a date; seconds, minutes and hours (and their steps) count whole units from that
 * day with {@code DATEDIFF}; weeks, months, quarters and years count from 1900-01-01, a Monday. The driver takes no
 * options in the URL, and its URL's positional parts after the namespace (log file, event class) are refused.
 */
@Extension
public final class IrisEngineSpec extends DeclaredEngineSpec {
    private static final String ANCHOR = "'1900-01-01'";
    private static final String DAY = "CAST(CAST({col} AS DATE) AS TIMESTAMP)";

    private static String fromAnchor(String datepart, int step) {
        String count = "DATEDIFF(" + datepart + ", " + ANCHOR + ", {col})";
        return "DATEADD(" + datepart + ", " + (step == 1 ? count : "FLOOR(" + count + " / " + step + ") * " + step) + ", " + ANCHOR + ")";
    }

    private static String fromDay(TimeGrain field, int step) {
        String count = "DATEDIFF(" + field + ", " + DAY + ", {col})";
        return "DATEADD(" + field + ", " + (step == 1 ? count : "FLOOR(" + count + " / " + step + ") * " + step) + ", " + DAY + ")";
    }

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> switch (unit) {
                case DAY -> DAY;
                case MONTH -> fromAnchor("MONTH", 1);
                case QUARTER -> fromAnchor("MONTH", 3);
                case YEAR -> fromAnchor("YEAR", 1);
                default -> fromDay(unit, 1);
            }, TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY, TimeGrain.MONTH, TimeGrain.QUARTER, TimeGrain.YEAR)
            .stepped((within, field, step, value) -> fromDay(field, step))
            .weekdayWeeks(DAY, "MOD(DATEDIFF(DAY, " + ANCHOR + ", {col}), 7)", 0, (day, days) -> "DATEADD(DAY, " + days + ", " + day + ")",
                    TimeGrains.modFunction())
            .build();

    /** Casts of text: timestamps with microseconds, times in whole seconds. */
    private static final DatetimeLiterals LITERALS = DatetimeLiterals.casts(6, TemporalType.DATE, TemporalType.TIMESTAMP)
            .with(DatetimeLiterals.casts(0, TemporalType.TIME));

    /**
     * The driver's connection properties (given as properties only): timeouts, socket buffers, isolation, the OAuth
     * access token as a secret. Refused: a driver log file, shared memory and pipes to an instance on this server.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.NONE)
            .secret("AccessToken")
            .allow(OptionRule.bool(), "nodelay")
            .allow(OptionRule.integer(0, 86_400), "NetworkTimeout", "CommitTimeout")
            .allow(OptionRule.integer(0, 64 * 1024 * 1024), "soRcvBuf", "soSndBuf")
            .allow("TransactionIsolationLevel", OptionRule.oneOf("TRANSACTION_READ_UNCOMMITTED", "TRANSACTION_READ_COMMITTED"))
            .refuse("writes the driver's log to a file on this server", "logFile")
            .refuse("connects to an IRIS instance on this server through shared memory or a pipe", "SharedMemory", "PipeJDBC")
            .build();

    /** {@code jdbc:IRIS://host[:port]/NAMESPACE}, nothing after the namespace. */
    private static final Pattern URL = Pattern.compile("(?i)jdbc:IRIS://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?/[A-Za-z0-9_\\-]+");

    /** The driver reads a log file, event class, nodelay and TLS switch from {@code /NAMESPACE/logfile:eventclass:...}; refused. */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        if (!URL.matcher(jdbcUrl).matches()) {
            throw UnsafeUrlException.url(id(), "write jdbc:IRIS://host:port/NAMESPACE with nothing after the namespace"
                    + " (the driver reads a log file and classes from the parts after it)");
        }
        return OPTIONS.parseStrictly(id(), jdbcUrl, properties);
    }

    public IrisEngineSpec() {
        super(EngineFacts.builder(IrisEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("DATEADD(SECOND, {col}, '1970-01-01 00:00:00')")
                .epochMillis(Optional.of("DATEADD(MILLISECOND, {col}, '1970-01-01 00:00:00')"))
                .maxColumnNameLength(128)
                .build());
    }

    @Override
    public LimitSyntax limitSyntax() {
        return LimitSyntax.TOP;
    }
}
